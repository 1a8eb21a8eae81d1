using System;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The diagnostics of maps (<c>additionalProperties</c>), free-form members (<c>type: any</c>) and whole-body map
/// responses: id, line and column (1-based) and what the message tells the author to do.
/// </summary>
public sealed class MapDiagnosticTests
{
    /// <summary>A valid spec of 20 lines; tests add a member <c>labels</c> at line 21.</summary>
    private const string Valid = Diagnose.ValidSpec;

    /// <summary><see cref="Valid"/> with a member <c>labels</c> (line 21) whose definition lines start at line 22, indented by 8.</summary>
    private static string WithMember(params string[] lines) => Valid + "\n      labels:\n" + string.Concat(Array.ConvertAll(lines, l => "        " + l + "\n"));

    [Fact]
    public void ValidMapsAndFreeFormMembersHaveNoDiagnostics()
    {
        var yaml = WithMember("type: object", "required: true", "additionalProperties: { type: string, maxLength: 8 }")
            + "      settings: { type: any, description: Free-form. }\n"
            + "      nested: { type: object, additionalProperties: { type: object, additionalProperties: { type: array, items: { type: integer } } } }\n"
            + "      rows: { type: array, items: { type: object, additionalProperties: { schema: Body } } }\n";
        Assert.Empty(Diagnose.Yaml(yaml));
    }

    [Fact]
    public void ObjectWithoutSchemaOrAdditionalPropertiesNamesBothFixes()
    {
        var d = Diagnose.Single(WithMember("type: object"));
        Assert.Equal(("APIG0204", 22, 15), (d.Id, d.Line, d.Column));
        Assert.Contains("schema: Name", d.Message, StringComparison.Ordinal);
        Assert.Contains("additionalProperties", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalPropertiesOnAStringIsNotApplicable()
    {
        var d = Diagnose.Single(WithMember("type: string", "additionalProperties: { type: string }"));
        Assert.Equal(("APIG0212", 23, 31), (d.Id, d.Line, d.Column));
        Assert.Contains("type: object", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalPropertiesWithoutTypeIsMissingTheType()
    {
        var d = Diagnose.Single(WithMember("additionalProperties: { type: string }"));
        Assert.Equal(("APIG0202", 22, 9), (d.Id, d.Line, d.Column));
        Assert.Contains("'type'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InlinePropertiesInAMemberPointAtSchemas()
    {
        var d = Diagnose.Single(WithMember("type: object", "properties: { a: { type: string } }"));
        Assert.Equal(("APIG0201", 23, 9), (d.Id, d.Line, d.Column));
        Assert.Contains("schema: Name", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InlinePropertiesInsideAdditionalPropertiesAreReportedThere()
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties:", "  type: object", "  properties: { a: { type: string } }"));
        Assert.Equal(("APIG0201", 25, 11), (d.Id, d.Line, d.Column));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void BooleanAdditionalPropertiesAsksForTheValuesType(string value)
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties: " + value));
        Assert.Equal(("APIG0204", 23, 31), (d.Id, d.Line, d.Column));
        Assert.Contains("additionalProperties: { type: string }", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AListAsAdditionalPropertiesIsTheWrongKindOfValue()
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties: [string]"));
        Assert.Equal(("APIG0203", 23, 31), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AConstraintOnTheMapItselfSaysItGoesInsideAdditionalProperties()
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties: { type: string }", "maxLength: 3"));
        Assert.Equal(("APIG0212", 24, 20), (d.Id, d.Line, d.Column));
        Assert.Contains("inside additionalProperties", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConstraintOfTheWrongTypeInsideAdditionalPropertiesIsReportedAtIt()
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties: { type: integer, minLength: 1 }"));
        Assert.Equal(("APIG0212", 23, 59), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void SchemaBesideAdditionalPropertiesIsNotApplicable()
    {
        var d = Diagnose.Single(WithMember("type: object", "schema: Body", "additionalProperties: { type: string }"));
        Assert.Equal(("APIG0212", 23, 17), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void UnknownKeyInsideAdditionalPropertiesSuggestsTheClosest()
    {
        var d = Diagnose.Single(WithMember("type: object", "additionalProperties: { type: string, maxLenght: 3 }"));
        Assert.Equal(("APIG0201", 23, 47), (d.Id, d.Line, d.Column));
        Assert.Contains("maxLength", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapsNestAtMostFourDeep()
    {
        var d = Diagnose.Single(WithMember(
            "type: object",
            "additionalProperties:",
            "  type: object",
            "  additionalProperties:",
            "    type: object",
            "    additionalProperties:",
            "      type: object",
            "      additionalProperties:",
            "        type: object",
            "        additionalProperties: { type: string }"));
        Assert.Equal(("APIG0204", 31, 39), (d.Id, d.Line, d.Column));
        Assert.Contains("4 deep", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minLength: 1", 20)]
    [InlineData("maximum: 3", 18)]
    [InlineData("pattern: x", 18)]
    [InlineData("minItems: 1", 19)]
    [InlineData("secret: true", 17)]
    public void NoConstraintAppliesToAny(string constraint, int column)
    {
        var d = Diagnose.Single(WithMember("type: any", constraint));
        Assert.Equal(("APIG0212", 23, column), (d.Id, d.Line, d.Column));
        Assert.Contains("any", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyTakesNoFormat()
    {
        var d = Diagnose.Single(WithMember("type: any", "format: int64"));
        Assert.Equal(("APIG0204", 23, 17), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AnyTakesNoEnum()
    {
        var d = Diagnose.Single(WithMember("type: any", "enum: [a]"));
        Assert.Equal(("APIG0212", 23, 15), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AnAnyParameterIsRefused()
    {
        var yaml = Valid.Replace("  body:", "    - name: filter\n      in: query\n      type: any\n  body:", StringComparison.Ordinal);
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 12, 13), (d.Id, d.Line, d.Column));
        Assert.Contains("parameters are primitives", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueryArrayOfMapsIsRefused()
    {
        var yaml = Valid.Replace("  body:", "    - name: filter\n      in: query\n      type: array\n      items: { type: object, additionalProperties: { type: string } }\n  body:", StringComparison.Ordinal);
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 13, 14), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AParameterTakesNoAdditionalProperties()
    {
        var yaml = Valid.Replace("  body:", "    - name: filter\n      in: query\n      type: string\n      additionalProperties: { type: string }\n  body:", StringComparison.Ordinal);
        Assert.Contains(Diagnose.Yaml(yaml), d => (d.Id, d.Line, d.Column) == ("APIG0201", 13, 7));
    }

    /// <summary><see cref="Valid"/> with its 204 response replaced by <paramref name="response"/> (at line 13, indented by 4).</summary>
    private static string WithResponse(string response) => Valid.Replace("    204:\n      description: OK", response, StringComparison.Ordinal);

    [Fact]
    public void AWholeBodyMapResponseIsValid() =>
        Assert.Empty(Diagnose.Yaml(WithResponse("    200:\n      description: OK\n      additionalProperties: { schema: Body }")));

    [Fact]
    public void AWholeBodyMapBesidePropertiesIsRefused()
    {
        var d = Diagnose.Single(WithResponse("    200:\n      description: OK\n      additionalProperties: { type: string }\n      properties: { a: { type: string } }"));
        Assert.Equal(("APIG0204", 16, 19), (d.Id, d.Line, d.Column));
        Assert.Contains("only one of them", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWholeBodyMapOnA204IsRefused()
    {
        var d = Diagnose.Single(WithResponse("    204:\n      description: OK\n      additionalProperties: { type: string }"));
        Assert.Equal(("APIG0204", 15, 29), (d.Id, d.Line, d.Column));
        Assert.Contains("no body", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWholeBodyMapsValuesAreCheckedLikeAMembers()
    {
        var d = Diagnose.Single(WithResponse("    200:\n      description: OK\n      additionalProperties: { type: object }"));
        Assert.Equal(("APIG0204", 15, 37), (d.Id, d.Line, d.Column));
    }
}
