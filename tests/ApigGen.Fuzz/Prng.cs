using System;
using System.Collections.Generic;

namespace ApigGen.Fuzz;

/// <summary>
/// A small seeded generator (SplitMix64). Every case has its own stream, derived from the campaign seed and the case
/// index alone, so one case can be rerun without the ones before it (<c>--seed S --case I</c>).
/// </summary>
internal sealed class Prng
{
    private ulong _state;

    public Prng(ulong state) => _state = state;

    /// <summary>The stream of case <paramref name="index"/> of a campaign with <paramref name="seed"/> in mode <paramref name="stream"/>.</summary>
    public static Prng ForCase(long seed, long index, int stream) =>
        new(Mix(Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL * (ulong)(stream + 1)) ^ (ulong)index));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextUInt64() % (ulong)max);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>True with probability 1/<paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public byte NextByte() => (byte)NextUInt64();

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
