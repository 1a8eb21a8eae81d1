using System;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// The JSON member names a generated reader knows, in the order of its <c>switch</c>: the reader asks
/// <see cref="ApigJson.NextMember"/> for the next member it knows and gets its index. Created once per generated type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigJsonMembers
{
    private readonly byte[][] _names;

    /// <summary>Encodes the names once.</summary>
    /// <param name="names">The members' JSON names, as the spec writes them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> or one of them is null.</exception>
    public ApigJsonMembers(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(names[i] ?? throw new ArgumentNullException(nameof(names)));
        }
    }

    /// <summary>The number of names.</summary>
    public int Count => _names.Length;

    /// <summary>The index of the property name <paramref name="reader"/> is on, or -1 for a name not in the list.</summary>
    internal int IndexOf(ref Utf8JsonReader reader)
    {
        var names = _names;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Rare: the reader unescapes (or joins the segments) and compares.
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        var name = reader.ValueSpan;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
