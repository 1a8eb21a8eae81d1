using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Model;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The pipeline's models compare by value: walks every type reachable from them and fails on anything Roslyn-live
/// (symbols, syntax, locations, compilations), raw arrays or lists, and on positions in the emit model.
/// </summary>
public sealed class ModelGraphTests
{
    [Theory]
    [InlineData(typeof(EmitInputModel), false)]
    [InlineData(typeof(SpecFileModel), false)]
    [InlineData(typeof(SpecInputModel), false)]
    [InlineData(typeof(GlobalOptionsModel), false)]
    [InlineData(typeof(SchemaIndexModel), false)]
    [InlineData(typeof(BindResult), true)]
    public void ModelGraphHoldsOnlyEquatableValues(Type root, bool positionsAllowed)
    {
        var problems = new List<string>();
        Walk(root, new HashSet<Type>(), problems, root.Name, positionsAllowed);
        Assert.Empty(problems);
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> problems, string path, bool positionsAllowed)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
        }

        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return;
        }

        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            problems.Add(path + ": " + type.FullName + " is Roslyn-live");
            return;
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(System.Collections.Immutable.ImmutableArray<>) || definition == typeof(Dictionary<,>))))
        {
            problems.Add(path + ": " + type.Name + " compares by reference");
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            Walk(type.GetGenericArguments()[0], seen, problems, path + "[]", positionsAllowed);
            return;
        }

        if (!positionsAllowed && type.Name.Contains("Location", StringComparison.Ordinal))
        {
            problems.Add(path + ": " + type.Name + " is a position inside the emit model");
        }

        if (!typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type))
        {
            problems.Add(path + ": " + type.Name + " is not IEquatable<" + type.Name + ">");
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            Walk(property.PropertyType, seen, problems, path + "." + property.Name, positionsAllowed);
        }
    }
}
