using System.Collections.Generic;
using ApigGen.Generator.Emit;
using ApigGen.Generator.Model;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The validation emitter decides from <c>HasChecks</c> whether a member gets an <c>if</c> block before it writes the
/// checks into it: the two must agree for every type, constraint and location, or a member's checks are lost (or an
/// empty block is written).
/// </summary>
public sealed class ValidationChecksTests
{
    private static readonly EnumModel StringEnum = new("KindValues", false, new EquatableArray<EnumMemberModel>(new[] { new EnumMemberModel("A", "a") }));
    private static readonly EnumModel IntegerEnum = new("LevelValues", true, new EquatableArray<EnumMemberModel>(new[] { new EnumMemberModel("One", "1") }));

    [Fact]
    public void HasChecksAgreesWithWhatWriteChecksWritesInEveryCombination()
    {
        var disagreements = new List<string>();
        var combinations = 0;
        foreach (var (type, constraints, location) in Combinations())
        {
            combinations++;
            var writer = SourceWriter.ForFile();
            new ObjectEmitter(writer, new TypeNames("App", EquatableArray<SchemaIndexEntry>.Empty))
                .WriteChecks(type, constraints, "value", "\"member\"", location, new Dictionary<string, string>(), "Member", 0);
            var wrote = writer.ToStringAndRelease().Length > 0;
            if (wrote != ObjectEmitter.HasChecks(type, constraints, location))
            {
                disagreements.Add($"{Describe(type)} {constraints} at {location?.ToString() ?? "body"}: HasChecks {!wrote}, wrote {wrote}");
            }
        }

        Assert.True(combinations > 500, "the matrix shrank to " + combinations);
        Assert.Empty(disagreements);
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
