using System;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The diagnostics of multipart bodies, binary downloads and response headers: each misuse is reported at its YAML line
/// and column (1-based), and never makes the generator throw.
/// </summary>
public sealed class TransferDiagnosticTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    /// <summary>A valid upload; tests replace one line to break it. Line numbers are noted on the right.</summary>
    private const string Upload = """
        operation:
          id: UploadV2
          method: POST
          path: /v2/{project_id}/upload
          body:
            contentType: multipart/form-data
            schema: Form
          responses:
            200:
              description: OK
              properties:
                id: { type: string }
              headers:
                X-Quota-Remaining: { type: integer }
        schemas:
          Form:
            properties:
              file:
                type: file
                required: true
              note:
                type: string
        """;

    // Line numbers of Upload: 1 operation, 5 body, 6 contentType, 7 schema, 9 200:, 11 properties, 12 id, 13 headers,
    // 14 X-Quota-Remaining, 15 schemas, 16 Form, 18 file, 19 type: file, 21 note, 22 type: string.

    [Fact]
    public void TheValidUploadHasNoDiagnostics() => Assert.Empty(Diagnose.Yaml(Upload));

    [Fact]
    public void AnUnknownContentTypeIsReportedAtItsValue()
    {
        var d = Diagnose.Single(Upload.Replace("contentType: multipart/form-data", "contentType: text/plain", StringComparison.Ordinal));
        // Only the content type: the schema's file members are not reported on top of it.
        Assert.Equal(("APIG0204", 6, 18), (d.Id, d.Line, d.Column));
        Assert.Contains("use application/json (the default) or multipart/form-data", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileInAJsonBodyIsReportedAtItsTypeAndAtTheBody()
    {
        var reported = Diagnose.Yaml(Upload.Replace("    contentType: multipart/form-data\n", string.Empty, StringComparison.Ordinal));
        Assert.Equal(2, reported.Count);
        var member = Assert.Single(reported, r => r.Line == 18);
        Assert.Equal(("APIG0204", 15), (member.Id, member.Column));
        Assert.Contains("only the schema that this file's operation names in body: { contentType: multipart/form-data", member.Message, StringComparison.Ordinal);
        var body = Assert.Single(reported, r => r.Line == 6);
        Assert.Equal(("APIG0204", 13), (body.Id, body.Column));
        Assert.Contains("a schema with file members is the parts of a multipart/form-data body", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileAsArrayItemsOutsideAFormIsReportedAtTheItemsType()
    {
        var yaml = "schemas:\n  Shared:\n    properties:\n      files:\n        type: array\n        items: { type: file }\n";
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 6, 24), (d.Id, d.Line, d.Column));
    }

    [Theory]
    [InlineData("type: array\n        items: { type: string }", "array")]
    [InlineData("schema: Other", "object")]
    public void AFormPartThatIsNotAFileOrTextIsReportedAtItsType(string type, string described)
    {
        var yaml = Upload.Replace("      note:\n        type: string", "      note:\n        " + type, StringComparison.Ordinal)
            + "\n  Other:\n    properties:\n      a: { type: string }\n";
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 22, described == "array" ? 15 : 17), (d.Id, d.Line, d.Column));
        Assert.Contains("'type' has an invalid value '" + described + "': a part of a multipart/form-data body is a file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormSchemaMustBeDefinedInTheSameFile()
    {
        var upload = new Spec(Dir + "upload.apig.yaml", Upload.Replace("    schema: Form", "    schema: SharedForm", StringComparison.Ordinal));
        var shared = new Spec(Dir + "shared.apig.yaml", "schemas:\n  SharedForm:\n    properties:\n      note: { type: string }\n");
        var reported = Diagnose.Run(upload, shared);
        var d = Assert.Single(reported, r => r.File == "upload.apig.yaml" && r.Line == 7);
        Assert.Equal(("APIG0204", 13), (d.Id, d.Column));
        Assert.Contains("must be defined under schemas in this file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherSpecNamingAFormSchemaIsReportedAtTheReference()
    {
        var upload = new Spec(Dir + "upload.apig.yaml", Upload);
        var other = new Spec(Dir + "other.apig.yaml", "schemas:\n  Wrapper:\n    properties:\n      form: { schema: Form }\n");
        var d = Assert.Single(Diagnose.Run(upload, other));
        Assert.Equal(("APIG0204", "other.apig.yaml", 4, 23), (d.Id, d.File, d.Line, d.Column));
        Assert.Contains("a schema with file members is the parts of a multipart/form-data body", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileParameterIsReported()
    {
        var yaml = Upload.Replace("  body:\n", "  parameters:\n    - { name: f, in: query, type: file }\n  body:\n", StringComparison.Ordinal);
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 6, 35), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AFileInAResponseIsReported()
    {
        var d = Diagnose.Single(Upload.Replace("id: { type: string }", "id: { type: file }", StringComparison.Ordinal));
        Assert.Equal(("APIG0204", 12, 21), (d.Id, d.Line, d.Column));
    }

    [Theory]
    [InlineData("properties")]
    [InlineData("schema")]
    public void BinaryContentWithMembersIsReportedAtContent(string members)
    {
        var yaml = members == "properties"
            ? Upload.Replace("      description: OK\n", "      description: OK\n      content: binary\n", StringComparison.Ordinal)
            : Upload.Replace("      properties:\n        id: { type: string }\n", "      content: binary\n      schema: Form\n", StringComparison.Ordinal);
        var d = Diagnose.Yaml(yaml).First();
        Assert.Equal(("APIG0204", 11, 16), (d.Id, d.Line, d.Column));
        Assert.Contains("a binary body is a stream with no members: drop " + members, d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content: json", "the only content is binary")]
    [InlineData("content: [binary]", "must be a single value")]
    public void OtherContentIsReported(string content, string message)
    {
        var d = Diagnose.Single(Upload.Replace("      properties:\n        id: { type: string }\n", "      " + content + "\n", StringComparison.Ordinal));
        Assert.Equal(11, d.Line);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryContentOnA204IsReported()
    {
        var yaml = Upload.Replace("    200:\n      description: OK\n      properties:\n        id: { type: string }\n", "    204:\n      description: OK\n      content: binary\n", StringComparison.Ordinal);
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 11, 16), (d.Id, d.Line, d.Column));
        Assert.Contains("a 204 response has no body", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X Quota")]
    [InlineData("X-Quota:")]
    [InlineData("Ünicode")]
    public void AHeaderNameThatIsNotAnHttpTokenIsReportedAtTheName(string name)
    {
        var d = Diagnose.Single(Upload.Replace("X-Quota-Remaining:", "\"" + name + "\":", StringComparison.Ordinal));
        Assert.Equal(("APIG0204", 14, 9), (d.Id, d.Line, d.Column));
        Assert.Contains("a header name is an HTTP token", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderOfTypeFileIsReportedAtTheType()
    {
        var d = Diagnose.Single(Upload.Replace("X-Quota-Remaining: { type: integer }", "X-Quota-Remaining: { type: file }", StringComparison.Ordinal));
        Assert.Equal(("APIG0204", 14, 36), (d.Id, d.Line, d.Column));
        Assert.Contains("'file': a response header is a string, integer, number, boolean, date-time or enum", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ type: array, items: { type: string } }", "items")]
    [InlineData("{ schema: Form }", "schema")]
    [InlineData("{ type: string, required: true }", "required")]
    public void AHeaderKeyOfAnotherShapeIsAnUnknownKey(string definition, string key)
    {
        var reported = Diagnose.Yaml(Upload.Replace("X-Quota-Remaining: { type: integer }", "X-Quota-Remaining: " + definition, StringComparison.Ordinal));
        var d = reported.First(r => r.Id == "APIG0201");
        Assert.Equal(14, d.Line);
        Assert.Contains("Unknown key '" + key + "' in header 'X-Quota-Remaining'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderDeclaredTwiceInAnyCaseIsReported()
    {
        var d = Diagnose.Single(Upload.Replace("X-Quota-Remaining: { type: integer }", "X-Quota-Remaining: { type: integer }\n        x-quota-remaining: { type: string }", StringComparison.Ordinal));
        Assert.Equal(("APIG0104", 15, 9), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AHeaderWhoseNameABodyMemberHasIsReported()
    {
        var d = Diagnose.Single(Upload.Replace("X-Quota-Remaining: { type: integer }", "Id: { type: string }", StringComparison.Ordinal));
        Assert.Equal(("APIG0210", 14, 9), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void XRequestIdMayBeDeclaredAsAStringButNotRetyped()
    {
        Assert.Empty(Diagnose.Yaml(Upload.Replace("X-Quota-Remaining: { type: integer }", "X-Request-ID: { type: string, description: Quote it }", StringComparison.Ordinal)));
        var d = Diagnose.Single(Upload.Replace("X-Quota-Remaining: { type: integer }", "x-request-id: { type: integer }", StringComparison.Ordinal));
        Assert.Equal(("APIG0204", 14, 31), (d.Id, d.Line, d.Column));
        Assert.Contains("X-Request-Id is every response's RequestId", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFormIsReported()
    {
        var yaml = Upload[..Upload.IndexOf("schemas:", StringComparison.Ordinal)] + "schemas:\n  Form:\n    properties: {}\n";
        var d = Diagnose.Single(yaml);
        Assert.Equal(("APIG0204", 17, 5), (d.Id, d.Line, d.Column));
        Assert.Contains("needs at least one part", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadersOnA204AndAnIntegerEnumHeaderCompile()
    {
        var yaml = Upload.Replace(
            "    200:\n      description: OK\n      properties:\n        id: { type: string }\n      headers:\n        X-Quota-Remaining: { type: integer }\n",
            "    204:\n      description: OK\n      headers:\n        X-Quota-Remaining: { type: integer }\n        X-Level: { type: integer, enum: [1, 2], enumNames: [Low, High] }\n        X-Mode: { type: string, enum: [a, b], csharpName: Mode }\n",
            StringComparison.Ordinal);
        Assert.Contains("204:", yaml, StringComparison.Ordinal);
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var text = string.Join("\n", result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("XQuotaRemaining = response.GetHeaderInt32(\"X-Quota-Remaining\")", text, StringComparison.Ordinal);
        Assert.Contains("XLevel = response.GetHeaderInt32(\"X-Level\") is { } header1 ? new UploadV2Response.XLevelEnum(header1) : (UploadV2Response.XLevelEnum?)null", text, StringComparison.Ordinal);
        Assert.Contains("public UploadV2Response.ModeEnum? Mode { get; init; }".Replace("UploadV2Response.", string.Empty, StringComparison.Ordinal), text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratorNeverThrowsOnBrokenTransferKeys()
    {
        var broken = new[]
        {
            Upload.Replace("contentType: multipart/form-data", "contentType: { a: 1 }", StringComparison.Ordinal),
            Upload.Replace("X-Quota-Remaining: { type: integer }", "X-Quota-Remaining: 5", StringComparison.Ordinal),
            Upload.Replace("      headers:\n", "      headers: [a]\n      x:\n", StringComparison.Ordinal),
            Upload.Replace("    schema: Form", "    schema: 'a b'", StringComparison.Ordinal),
            Upload.Replace("type: file\n", "type: file\n                format: binary\n", StringComparison.Ordinal),
        };
        foreach (var yaml in broken)
        {
            var (result, _, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
            Assert.All(result.Results, r => Assert.Null(r.Exception));
            Assert.NotEmpty(result.Diagnostics);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "APIG0001");
        }
    }
}
