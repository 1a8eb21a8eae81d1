using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ApigGen.Fuzz.Responses;

/// <summary>
/// Builds a request that passes validation for any generated request type, by reflection (fine in a tool; product code
/// has none): every <c>required</c> member gets a value of its type, optional ones stay unset, and then each value
/// is tried against a short list of candidates until <see cref="IApigValidatable.GetValidationErrors"/> is empty; an
/// optional member of an object type is tried too (set or left out), for rules such as "required when another member is X".
/// </summary>
internal static class RequestBuilder
{
    private static readonly string[] Strings = { "abcd1234", "abcd", "a", "host.example.com", "2026-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000", "A1", "x", new string('a', 64), "/a" };
    private static readonly long[] Numbers = { 1, 0, 10, 100, 1000, 1024, 8080, 65535, -1 };

    public static object Build(Type requestType) => Build(requestType, 0);

    private static object Build(Type requestType, int depth)
    {
        var slots = new List<(object Owner, PropertyInfo Property, object?[] Candidates)>();
        var request = Create(requestType, slots, depth);
        var validatable = (IApigValidatable)request;
        var errors = validatable.GetValidationErrors().Count;
        // A few passes: a value that only counts once another is set (an optional object's own members) gets its turn.
        for (var pass = 0; pass < 3 && errors > 0; pass++)
        {
            foreach (var (owner, property, candidates) in slots)
            {
                if (errors == 0)
                {
                    break;
                }

                var best = property.GetValue(owner);
                foreach (var candidate in candidates)
                {
                    property.SetValue(owner, candidate);
                    var now = validatable.GetValidationErrors().Count;
                    if (now < errors)
                    {
                        errors = now;
                        best = candidate;
                    }
                }

                property.SetValue(owner, best);
            }
        }

        if (errors > 0)
        {
            throw new InvalidOperationException("Could not build a valid " + requestType.Name + ": " + string.Join("; ", validatable.GetValidationErrors()));
        }

        return request;
    }

    /// <summary>A value of an object type that is valid on its own when the builder can make one, else one with its required members set.</summary>
    private static object ValidOrPlain(Type type, int depth)
    {
        if (typeof(IApigValidatable).IsAssignableFrom(type))
        {
            try
            {
                return Build(type, depth);
            }
            catch (InvalidOperationException)
            {
            }
        }

        return Create(type, new List<(object, PropertyInfo, object?[])>(), depth);
    }

    private static object Create(Type type, List<(object, PropertyInfo, object?[])> slots, int depth)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null)
            {
                continue;
            }

            if (property.GetCustomAttribute<RequiredMemberAttribute>() is null)
            {
                // Optional: left out, but an object value is a candidate when a rule between members asks for it.
                var optional = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (optional.IsClass && optional != typeof(string) && !optional.IsGenericType && depth < 8)
                {
                    slots.Add((instance, property, new[] { null, ValidOrPlain(optional, depth + 1) }));
                }

                continue;
            }

            var candidates = Candidates(property.PropertyType, slots, depth);
            property.SetValue(instance, candidates[0]);
            if (candidates.Length > 1)
            {
                slots.Add((instance, property, candidates));
            }
        }

        return instance;
    }

    private static object?[] Candidates(Type type, List<(object, PropertyInfo, object?[])> slots, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return Strings;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return Numbers.Select(n => Convert.ChangeType(n, type, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        if (type == typeof(bool))
        {
            return new object?[] { true, false };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new object?[] { new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        }

        if (type == typeof(ApigFile))
        {
            // An upload's file part. The responses are what is fuzzed; the part's bytes only have to be sendable.
            return new object?[] { new ApigFile(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("openapi: 3.0.0\n")), "api.yaml", "application/yaml") };
        }

        if (type == typeof(System.Text.Json.JsonElement))
        {
            return new object?[] { System.Text.Json.JsonDocument.Parse("{}").RootElement };
        }

        if (type.IsValueType && type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type).ToArray() is { Length: > 0 } known)
        {
            // A generated enum: its known values.
            return known.Select(p => p.GetValue(null)).ToArray();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            // A map (additionalProperties): one entry, or none.
            var value = type.GetGenericArguments()[1];
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), value))!;
            map["k1"] = Candidates(value, slots, depth + 1)[0];
            return new object?[] { map, Activator.CreateInstance(map.GetType()) };
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            var item = type.GetGenericArguments()[0];
            var element = Candidates(item, slots, depth + 1)[0];
            var one = Array.CreateInstance(item, 1);
            one.SetValue(element, 0);
            return new object?[] { one, Array.CreateInstance(item, 0) };
        }

        if (type.IsClass && depth < 8)
        {
            return new[] { Create(type, slots, depth + 1) };
        }

        throw new NotSupportedException("The fuzzer cannot build a value of " + type + "; teach RequestBuilder.Candidates this type.");
    }
}
