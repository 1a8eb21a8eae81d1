using System.Collections.Generic;
using ApigGen.Generator.Emit;
using ApigGen.Generator.Model;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Whether a member gets a block of checks and what goes into it come from one decision, <see cref="ValueChecks.For"/>:
/// every value that gets checks must have at least one check call written for it (an empty line or lambda would be
/// written otherwise), and the matrix must hold values with checks and values without.
/// </summary>
public sealed class ValidationChecksTests
{
    private static readonly EnumModel StringEnum = new("KindValues", false, new EquatableArray<EnumMemberModel>(new[] { new EnumMemberModel("A", "a") }));
    private static readonly EnumModel IntegerEnum = new("LevelValues", true, new EquatableArray<EnumMemberModel>(new[] { new EnumMemberModel("One", "1") }));

    [Fact]
    public void EveryValueWithChecksGetsAtLeastOneLineOfThem()
    {
        var empty = new List<string>();
        var combinations = 0;
        var withChecks = 0;
        foreach (var (type, constraints, location) in Combinations())
        {
            combinations++;
            if (ValueChecks.For(type, constraints, location) is not { } checks)
            {
                continue;
            }

            withChecks++;
            var writer = SourceWriter.ForFile();
            var calls = new ValidationEmitter(writer).CheckCalls(checks, "value", "\"member\"", "Member");
            writer.ToStringAndRelease();
            if (calls.Count == 0 || calls.Exists(string.IsNullOrWhiteSpace))
            {
                empty.Add($"{Describe(type)} {constraints} at {location?.ToString() ?? "body"}");
            }
        }

        Assert.True(combinations > 500, "the matrix shrank to " + combinations);
        Assert.InRange(withChecks, 1, combinations - 1);
        Assert.Empty(empty);
    }

    [Theory]
    [InlineData("Boolean", null, false)]
    [InlineData("String", null, false)]
    [InlineData("String", "Path", true)]
    [InlineData("String", "Header", true)]
    [InlineData("String", "Query", false)]
    [InlineData("Int32", null, false)]
    [InlineData("Number", null, true)]
    public void AValueWithoutConstraintsIsCheckedOnlyWhereItsLocationOrTypeAsks(string kind, string? location, bool checkedAnyway)
    {
        var type = kind switch
        {
            "Boolean" => TypeModel.Boolean,
            "String" => TypeModel.String,
            "Int32" => TypeModel.Int32,
            _ => TypeModel.Number,
        };
        var at = location is null ? (ParameterLocation?)null : (ParameterLocation)System.Enum.Parse(typeof(ParameterLocation), location);
        Assert.Equal(checkedAnyway, ValueChecks.For(type, ConstraintsModel.None, at) is not null);
    }

    private static IEnumerable<(TypeModel Type, ConstraintsModel Constraints, ParameterLocation? Location)> Combinations()
    {
        var scalars = new[]
        {
            TypeModel.String, TypeModel.Int32, TypeModel.Int64, TypeModel.Number, TypeModel.Boolean, TypeModel.DateTime,
            new TypeModel(TypeKind.Schema, SchemaName: "Item"), new TypeModel(TypeKind.Enum, Enum: StringEnum), new TypeModel(TypeKind.Enum, Enum: IntegerEnum),
        };
        var types = new List<TypeModel>(scalars);
        foreach (var scalar in scalars)
        {
            types.Add(new TypeModel(TypeKind.Array, Items: scalar));
            types.Add(new TypeModel(TypeKind.Array, Items: new TypeModel(TypeKind.Array, Items: scalar)));
        }

        var constraints = new[]
        {
            ConstraintsModel.None, new ConstraintsModel(MinLength: 1), new ConstraintsModel(MaxLength: 9), new ConstraintsModel(Pattern: "^a$"),
            new ConstraintsModel(Minimum: "0"), new ConstraintsModel(Maximum: "9"), new ConstraintsModel(MinItems: 1), new ConstraintsModel(MaxItems: 9),
        };
        foreach (var type in types)
        {
            foreach (var constraint in constraints)
            {
                foreach (var location in new ParameterLocation?[] { null, ParameterLocation.Path, ParameterLocation.Query, ParameterLocation.Header })
                {
                    yield return (type, constraint, location);
                }
            }
        }
    }

    private static string Describe(TypeModel type) => type.Items is { } items ? "array of " + Describe(items) : type.Kind.ToString();
}
