using System.Collections.Generic;

namespace ApigGen.Generator.Linking;

/// <summary>Grouping by key without LINQ's lookups: the cross-file steps index every schema and operation by name.</summary>
internal static class DictionaryExtensions
{
    /// <summary>The list under <paramref name="key"/>, added empty (room for one: most names occur once) when there is none.</summary>
    public static List<TValue> GetOrAddList<TKey, TValue>(this Dictionary<TKey, List<TValue>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map.Add(key, list = new List<TValue>(1));
        }

        return list;
    }
}
