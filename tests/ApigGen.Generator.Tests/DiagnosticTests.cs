using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Model;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>One test per diagnostic id: id, file, line and column (1-based, as the build prints them).</summary>
public sealed class DiagnosticTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    /// <summary>A valid spec; tests replace one line to break it. Line numbers are noted on the right.</summary>
    private const string Valid = Diagnose.ValidSpec;

    /// <summary>A file of one schema named <paramref name="name"/>, with one string member.</summary>
    private static string SchemaNamed(string name) => "schemas:\n  " + name + ":\n    properties:\n      a: { type: string }\n";

    /// <summary>The one diagnostic of <see cref="SchemaNamed"/>, which must be <paramref name="id"/> at the schema's name (2,3), with <paramref name="reason"/> in its message.</summary>
    private static void AssertSchemaNameRefused(string name, string id, string reason)
    {
        var d = Assert.Single(Diagnose.Yaml(SchemaNamed(name)));
        Assert.Equal((id, 2, 3), (d.Id, d.Line, d.Column));
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    /// <summary><see cref="Valid"/> with its success response (<c>204: description: OK</c>) replaced by <paramref name="response"/>.</summary>
    private static string WithResponse(string response) => Valid.Replace("    204:\n      description: OK", response, StringComparison.Ordinal);

    [Fact]
    public void TheValidBaseSpecHasNoDiagnostics() => Assert.Empty(Diagnose.Yaml(Valid));

    [Fact]
    public void APIG0001_AnExceptionInBindingBecomesOneDiagnosticOnThatFile()
    {
        var input = new SpecInputModel(Dir + "boom.apig.yaml", "boom.apig.g.cs", Valid, null);
        var result = SpecBinder.BindSafely(input, new GlobalOptionsModel("TestApp.Apig"), CancellationToken.None, (_, _, _) => throw new InvalidOperationException("bug"));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("APIG0001", diagnostic.Id);
        Assert.Equal(Dir + "boom.apig.yaml", diagnostic.Location.FilePath);
        Assert.Equal((0, 0), (diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
        Assert.Contains("InvalidOperationException: bug", diagnostic.ToDiagnostic().GetMessage(), StringComparison.Ordinal);
        Assert.Null(result.Model);
    }

    [Fact]
    public void APIG0001_CancellationIsNotSwallowed()
    {
        var input = new SpecInputModel(Dir + "c.apig.yaml", "c.apig.g.cs", Valid, null);
        Assert.Throws<OperationCanceledException>(() => SpecBinder.BindSafely(input, new GlobalOptionsModel("Apig"), CancellationToken.None, (_, _, _) => throw new OperationCanceledException()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n# and another\n")]
    public void APIG0002_EmptyFileIsAWarningAtTheStart(string text)
    {
        var d = Assert.Single(Diagnose.Yaml(text, Dir + "empty.apig.yaml"));
        Assert.Equal(("APIG0002", "empty.apig.yaml", 1, 1, DiagnosticSeverity.Warning), (d.Id, d.File, d.Line, d.Column, d.Severity));
    }

    [Fact]
    public void APIG0003_FileOverTheSizeCap()
    {
        var d = Assert.Single(Diagnose.Yaml("a: " + new string('x', 1_000_000)));
        Assert.Equal(("APIG0003", 1, 1), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0004_AFileGivenTwiceIsGeneratedOnceWithAWarning()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "twice.apig.yaml", Valid), new Spec(Dir + "twice.apig.yaml", Valid) });
        var d = Diagnose.Reduce(Assert.Single(result.Diagnostics));
        Assert.Equal(("APIG0004", "twice.apig.yaml", 1, 1, DiagnosticSeverity.Warning), (d.Id, d.File, d.Line, d.Column, d.Severity));
        Assert.Null(result.Results.Single().Exception);
        Assert.Single(result.Results.Single().GeneratedSources, s => s.HintName == "twice.apig.g.cs");
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void APIG0204_AnInvalidRequiredOnAPathParameterIsOneDiagnostic()
    {
        // "yes" is refused as a boolean; the path rule must not add that the parameter is 'false'.
        var d = Diagnose.Single(Valid.Replace("      required: true\n      type: string", "      required: yes\n      type: string", StringComparison.Ordinal));
        Assert.Equal(("APIG0204", 8, 17), (d.Id, d.Line, d.Column));
        Assert.Contains("'yes'", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    [InlineData(LanguageVersion.CSharp7_3, "7.3")]
    public void APIG0005_AnOlderCSharpIsOneErrorWithoutALocationAndNoGeneratedCode(LanguageVersion version, string shown)
    {
        var specs = new[] { new Spec(Dir + "a.apig.yaml", Diagnose.ValidSpec) };
        var (result, output, _) = new GeneratorHarness(languageVersion: version, dependencyInjection: true).Run(specs);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("APIG0005", DiagnosticSeverity.Error, Location.None), (d.Id, d.Severity, d.Location));
        Assert.Equal(
            "ApigGen's generated code needs C# 11 or later (required members, UTF-8 string literals); this project compiles C# " + shown
            + ". Remove <LangVersion> from the project (the .NET 8 SDK's default is C# 12) or set it to 11 or later. Nothing is generated until then",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void APIG0101_YamlSyntaxErrorAtItsPosition()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  id: AttachV2", "  id: \"AttachV2", StringComparison.Ordinal)));
        Assert.Equal(("APIG0101", 2, 7), (d.Id, d.Line, d.Column));
        Assert.Contains("quoted scalar", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    // YamlDotNet places this error at the start of the value before the tab (2,7).
    [InlineData("  method: POST", "\tmethod: POST", 3, 1, "tab character")]
    // YamlDotNet's error carries no position at all here; it used to be reported at the file's start (1,1).
    [InlineData("      description: OK", "  \t    description: OK", 14, 3, "invalid tab as indentation")]
    public void APIG0101_ATabAsIndentationIsReportedAtTheTab(string line, string withTab, int atLine, int atColumn, string phrase)
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace(line, withTab, StringComparison.Ordinal)));
        Assert.Equal(("APIG0101", atLine, atColumn), (d.Id, d.Line, d.Column));
        Assert.Contains(phrase, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0101_MappingValueWhereNoneIsAllowed()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST", "  method: POST: PUT", StringComparison.Ordinal)));
        Assert.Equal(("APIG0101", 3, 15), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0102_NestingDeeperThanTheCap()
    {
        var d = Assert.Single(Diagnose.Yaml("operation: " + new string('[', 100) + new string(']', 100)));
        Assert.Equal("APIG0102", d.Id);
        // The root mapping is level 1, so the 32nd '[' (column 12 + 31) is the first one refused.
        Assert.Equal((1, 12 + 31), (d.Line, d.Column));
    }

    [Fact]
    public void APIG0103_AliasIsRefusedWhereItStands()
    {
        var yaml = Valid.Replace("    schema: Body", "    schema: &b Body", StringComparison.Ordinal)
            .Replace("        type: string\n        required: true", "        type: *b\n        required: true", StringComparison.Ordinal);
        var d = Diagnose.Yaml(yaml).First(x => x.Id == "APIG0103");
        Assert.Equal((19, 15), (d.Line, d.Column));
    }

    [Fact]
    public void APIG0104_DuplicateKeyAtTheSecondOccurrence()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST", "  method: POST\n  method: PUT", StringComparison.Ordinal)));
        Assert.Equal(("APIG0104", 4, 3), (d.Id, d.Line, d.Column));
        Assert.Contains("'method'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0105_SecondDocument()
    {
        var d = Diagnose.Yaml(Valid + "\n---\noperation: {}\n").Single(x => x.Id == "APIG0105");
        Assert.Equal((21, 1), (d.Line, d.Column));
    }

    [Fact]
    public void APIG0201_UnknownKeySuggestsTheClosest()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST", "  metod: POST", StringComparison.Ordinal)), x => x.Id == "APIG0201");
        Assert.Equal((3, 3), (d.Line, d.Column));
        Assert.Contains("did you mean 'method'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0202_MissingKeyAtTheMappingThatLacksIt()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST\n", string.Empty, StringComparison.Ordinal)));
        Assert.Equal(("APIG0202", 2, 3), (d.Id, d.Line, d.Column));
        Assert.Contains("'method'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0203_WrongKindOfValue()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  body:\n    schema: Body", "  body: Body", StringComparison.Ordinal)), x => x.Id == "APIG0203");
        Assert.Equal((10, 9), (d.Line, d.Column));
    }

    [Fact]
    public void APIG0204_InvalidValue()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST", "  method: FETCH", StringComparison.Ordinal)));
        Assert.Equal(("APIG0204", 3, 11), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0204_AnEmptyAuthList()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  method: POST", "  method: POST\n  auth: []", StringComparison.Ordinal)));
        Assert.Equal(("APIG0204", 4, 9), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0204_AResponseWithBothASchemaAndProperties()
    {
        var d = Assert.Single(Diagnose.Yaml(WithResponse("    200:\n      schema: Body\n      properties: {}")));
        Assert.Equal(("APIG0204", 14, 15), (d.Id, d.Line, d.Column));
        Assert.Contains("not both", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0204_AResponseSchemaThatThisFileDoesNotDefine()
    {
        var d = Assert.Single(Diagnose.Yaml(WithResponse("    200:\n      schema: Elsewhere")));
        Assert.Equal(("APIG0204", 14, 15), (d.Id, d.Line, d.Column));
        Assert.Contains("defined under schemas in this file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0204_A204ResponseWithASchema()
    {
        var d = Assert.Single(Diagnose.Yaml(WithResponse("    204:\n      schema: Body")));
        Assert.Equal(("APIG0204", 14, 15), (d.Id, d.Line, d.Column));
        Assert.Contains("a 204 response has no body", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResponseSchemaWithAnInvalidMemberIsReportedOnceAtTheMember()
    {
        // The schema is bound as itself and again as the response's members: its error must not appear twice.
        var yaml = WithResponse("    200:\n      schema: Body")
            .Replace("      domain:\n        type: string", "      domain:\n        type: strng", StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 19, 15), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void AnUnknownSchemaInsideAResponseSchemaIsReportedOnce()
    {
        // Body is bound as itself and again as the response's members; the reference to Missing is recorded once.
        var yaml = WithResponse("    200:\n      schema: Body")
            .Replace("      domain:\n        type: string", "      domain:\n        schema: Missing", StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0301", 19, 17), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0205_NameThatIsNotAnIdentifier()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  id: AttachV2", "  id: 2Attach", StringComparison.Ordinal)));
        Assert.Equal(("APIG0205", 2, 7), (d.Id, d.Line, d.Column));
    }

    [Theory]
    [InlineData("domain")]
    [InlineData("required")]
    [InlineData("file")]
    [InlineData("scoped")]
    public void APIG0205_ASchemaNameOfLowerCaseLettersOnly(string name) =>
        // The output would not compile: CS8981 (a warning, so an error under TreatWarningsAsErrors), or CS9029/CS9056/CS9062.
        AssertSchemaNameRefused(name, "APIG0205", "start it with a capital letter");

    [Fact]
    public void ASchemaNameWithACapitalOrADigitIsFine()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { "domain2", "_x", "dOMAIN" }.Select((name, i) => new Spec(Dir + "x" + i + ".apig.yaml", SchemaNamed(name))));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void APIG0205_KeywordAsSchemaName()
    {
        var yaml = Valid.Replace("    schema: Body", "    schema: class", StringComparison.Ordinal);
        var d = Diagnose.Yaml(yaml).First(x => x.Id == "APIG0205");
        Assert.Equal((11, 13), (d.Line, d.Column));
        Assert.Contains("keyword", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0206_TemplateParameterNotDeclared()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("{certificate_id}/attach", "{certificate_id}/{domain_id}", StringComparison.Ordinal)));
        Assert.Equal(("APIG0206", 4, 9), (d.Id, d.Line, d.Column));
        Assert.Contains("'{domain_id}'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0207_DeclaredPathParameterNotInTemplate()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("/certs/{certificate_id}/attach", "/certs/attach", StringComparison.Ordinal)));
        Assert.Equal(("APIG0207", 4, 9), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0208_MinimumGreaterThanMaximum()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("        required: true", "        required: true\n        minLength: 9\n        maxLength: 3", StringComparison.Ordinal)));
        Assert.Equal(("APIG0208", 21, 20), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0209_InvalidRegex()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("        required: true", "        required: true\n        pattern: \"[a-\"", StringComparison.Ordinal)));
        Assert.Equal(("APIG0209", 21, 18), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0210_TwoJsonNamesBecomeOneCSharpName()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      Domain:\n        type: string\n"));
        Assert.Equal(("APIG0210", 21, 7), (d.Id, d.Line, d.Column));
        Assert.Contains("'domain' becomes too", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0205_AJsonNameThatMakesNoCSharpNameSuggestsCSharpName()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      2fa_enabled:\n        type: boolean\n"));
        Assert.Equal(("APIG0205", 21, 7), (d.Id, d.Line, d.Column));
        Assert.Contains("'2fa_enabled' is not usable as a C# name", d.Message, StringComparison.Ordinal);
        Assert.Contains("give it one with csharpName", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2Fa", "a C# identifier starts with a letter")]
    [InlineData("twoFactor", "starts with an uppercase letter")]
    [InlineData("Two Factor", "a C# identifier starts with a letter")]
    public void APIG0205_ACSharpNameIsCheckedWhereItIsWritten(string csharpName, string reason)
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      2fa_enabled:\n        type: boolean\n        csharpName: " + csharpName + "\n"));
        Assert.Equal(("APIG0205", 23, 21), (d.Id, d.Line, d.Column));
        Assert.Contains("'" + csharpName + "' is not usable as a C# name", d.Message, StringComparison.Ordinal);
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0205_ACSharpNameThatRepeatsALowerCaseJsonNameIsStillRefused()
    {
        // As written, 'writer' would be taken for the parameter of the generated WriteJson.
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      writer:\n        type: string\n        csharpName: writer\n"));
        Assert.Equal(("APIG0205", 23, 21), (d.Id, d.Line, d.Column));
        Assert.Contains("starts with an uppercase letter", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0210_TwoCSharpNamesThatCollideAreReportedAtTheSecond()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      other:\n        type: string\n        csharpName: Domain\n"));
        Assert.Equal(("APIG0210", 23, 21), (d.Id, d.Line, d.Column));
        Assert.Contains("'other' becomes the C# name 'Domain', which 'domain' becomes too", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0210_AResponseMemberMayNotBeNamedStatusCode()
    {
        var yaml = WithResponse("    200:\n      properties:\n        code:\n          type: integer\n          csharpName: StatusCode");
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0210", 17, 23), (d.Id, d.Line, d.Column));
        Assert.Contains("generated member", d.Message, StringComparison.Ordinal);
    }

    /// <summary>What a response inherits from its base record (ApigOperationResponse) or the compiler synthesizes for it may not be a member's name either.</summary>
    [Theory]
    [InlineData("RequestId")]
    [InlineData("EqualityContract")]
    [InlineData("PrintMembers")]
    [InlineData("Clone")] // CS8859 in any record (spec fuzz, seed 13, case 84199: a member named "<Clone>$")
    public void APIG0210_AResponseMemberMayNotTakeAnInheritedMembersName(string name)
    {
        var yaml = WithResponse("    200:\n      properties:\n        code:\n          type: integer\n          csharpName: " + name);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0210", 17, 23), (d.Id, d.Line, d.Column));
        Assert.Contains("'" + name + "'", d.Message, StringComparison.Ordinal);
        Assert.Contains("generated", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0203_ACSharpNameMustBeOneValue()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      other:\n        type: string\n        csharpName: [A, B]\n"));
        Assert.Equal(("APIG0203", 23, 21), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void ACSharpNameRenamesParametersAndMembersAndTheOutputCompiles()
    {
        var yaml = Valid
            .Replace("      type: string\n  body:", "      type: string\n    - name: 2fa\n      in: query\n      type: boolean\n      csharpName: TwoFactor\n  body:", StringComparison.Ordinal)
            + "\n      Domain:\n        type: string\n        csharpName: DomainTitle\n";
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var source = string.Join("\n", result.GeneratedTrees.Select(tree => tree.ToString()));
        Assert.Contains("public bool? TwoFactor { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public string? DomainTitle { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("JsonName_DomainTitle = global::ApigGen.ApigJsonWriter.Name(\"Domain\"u8);", source, StringComparison.Ordinal);
        Assert.Contains("global::ApigGen.ApigJsonWriter.WriteMember(writer, JsonName_DomainTitle, DomainTitle);", source, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0210_AMemberMayNotTakeTheNameOfAGeneratedJsonNameField()
    {
        // JsonName_{Member} fields hold the written names, encoded once: a member named like one would clash with it.
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      domain_field:\n        type: string\n        csharpName: JsonName_Domain\n"));
        Assert.Equal(("APIG0210", 23, 21), (d.Id, d.Line, d.Column));
        Assert.Contains("generated or inherited member", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("to_string")]
    [InlineData("validate")]
    [InlineData("get_hash_code")]
    [InlineData("write_json")]
    [InlineData("json_members")]
    [InlineData("reference_equals")]
    public void APIG0210_AMemberMayNotTakeTheNameOfAGeneratedOne(string jsonName)
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      " + jsonName + ":\n        type: string\n"));
        Assert.Equal(("APIG0210", 21, 7), (d.Id, d.Line, d.Column));
        Assert.Contains("generated or inherited member", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Not an HTTP token: HttpClient dropped such a header silently, and the caller's value with it.
    [InlineData("X Trace", "HTTP token")]
    [InlineData("X-Trace:", "HTTP token")]
    [InlineData("Ünïcode", "HTTP token")]
    // A content header: generated code compiled, and every call then failed at run time (HttpClient refuses the name on a request).
    [InlineData("Content-Length", "a content header")]
    [InlineData("content-md5", "a content header")]
    [InlineData("Expires", "a content header")]
    public void APIG0204_AHeaderNameThatCannotBeSent(string name, string reason)
    {
        var yaml = Valid.Replace("      type: string\n  body:", "      type: string\n    - { name: \"" + name + "\", in: header, type: string }\n  body:", StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 10, 15), (d.Id, d.Line, d.Column));
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheContentHeadersRefusedAreExactlyThoseHttpClientRefusesOnARequest()
    {
        // The generator's list anticipates HttpClient's rule; this keeps the two the same.
        var candidates = new[]
        {
            "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5",
            "Content-Range", "Expires", "Last-Modified", "Accept", "Accept-Language", "If-Match", "If-None-Match", "X-Trace", "Content-Id", "Range", "Date", "Cache-Control",
        };
        using var message = new System.Net.Http.HttpRequestMessage();
        var refused = candidates.Where(name => !message.Headers.TryAddWithoutValidation(name, "x")).Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(refused, ApigGen.Generator.Binding.SpecKeys.ContentHeaders.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("5000000000")]
    [InlineData("x")]
    public void APIG0204_AnIntegerEnumValueThatIsNotAnInt32(string value)
    {
        // Column 41: the second value of the flow sequence.
        var yaml = Valid + "\n      level: { type: integer, enum: [1, " + value + "], enumNames: [One, Two] }\n";
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 21, 41), (d.Id, d.Line, d.Column));
        Assert.Contains("fit int32", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0210_AnEnumValueMayNotBecomeAnEnumMember()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid + "\n      kind:\n        type: string\n        enum: [value, other]\n"));
        Assert.Equal(("APIG0210", 23, 16), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0210_EnumValuesThatWouldNotCompileAreEachReported()
    {
        // 'kind_enum' would be a member of its own type KindEnum (CS0542); 'reference_equals' and 'memberwise_clone' would
        // hide what every struct inherits from object (CS0108, an error under TreatWarningsAsErrors). All three, not the first.
        var yaml = Valid + "\n      kind:\n        type: string\n        enum: [kind_enum, ok, reference_equals, memberwise_clone]\n";
        var diagnostics = Diagnose.Yaml(yaml);
        Assert.Equal(
            new[] { ("APIG0210", 23, 16), ("APIG0210", 23, 31), ("APIG0210", 23, 49) },
            diagnostics.Select(d => (d.Id, d.Line, d.Column)).ToArray());
        Assert.Contains("is the name of the enum type itself", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'reference_equals' becomes the C# name 'ReferenceEquals'", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ApigClient")]
    [InlineData("IApigClient")]
    public void APIG0210_ASchemaMayNotTakeTheNameOfTheClientEvenInASchemaOnlyFile(string name) =>
        // Before, a schema-only file gave no APIG diagnostic at all, only CS0261 on the partial client.
        AssertSchemaNameRefused(name, "APIG0210", "the generated client");

    [Fact]
    public void ASchemaFileWhoseSchemasHaveErrorsIsNotAlsoToldItLacksAnOperation()
    {
        var yaml = "schemas:\n  Shared:\n    properties:\n      kind:\n        type: string\n        enum: [value]\n";
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0210", 6, 16), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0211_TwoSuccessResponses()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("      description: OK", "      description: OK\n    200:\n      description: Also OK", StringComparison.Ordinal)));
        Assert.Equal(("APIG0211", 15, 5), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0211_NoSuccessResponse()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("  responses:\n    204:\n      description: OK", "  responses: {}", StringComparison.Ordinal)));
        Assert.Equal(("APIG0211", 12, 14), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0212_ConstraintThatDoesNotApplyToTheType()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("        required: true", "        required: true\n        minimum: 3", StringComparison.Ordinal)));
        Assert.Equal(("APIG0212", 21, 18), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0213_InvalidPathTemplate()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("/attach", "/attach?x=1", StringComparison.Ordinal)));
        Assert.Equal(("APIG0213", 4, 9), (d.Id, d.Line, d.Column));
        Assert.Contains("'?'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0214_RuleNamingAnUnknownMember()
    {
        var yaml = Valid + "\n      kind:\n        type: string\n    rules:\n      - when: { member: kind, equals: x }\n        require: [domian]\n";
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0214", 25, 19), (d.Id, d.Line, d.Column));
        Assert.Contains("'domian'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0204_PagingThatNamesNoArrayMember()
    {
        var yaml = Valid.Replace("  method: POST", "  method: GET\n  paging: { offset: offset, items: nothing }", StringComparison.Ordinal)
            .Replace("      type: string\n  body", "      type: string\n    - name: offset\n      in: query\n      type: integer\n  body", StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 4, 36), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0301_UnknownSchemaAtTheReference()
    {
        var d = Assert.Single(Diagnose.Yaml(Valid.Replace("    schema: Body", "    schema: Bodyy", StringComparison.Ordinal)));
        Assert.Equal(("APIG0301", 11, 13), (d.Id, d.Line, d.Column));
    }

    [Fact]
    public void APIG0301_ASchemaOfAnotherFileResolves()
    {
        var schemas = "schemas:\n  Shared:\n    properties:\n      a:\n        type: string\n";
        var user = Valid.Replace("    schema: Body", "    schema: Shared", StringComparison.Ordinal);
        Assert.Empty(Diagnose.Run(new Spec(Dir + "a.apig.yaml", user), new Spec(Dir + "shared.apig.yaml", schemas)));
    }

    [Fact]
    public void APIG0302_DifferingDefinitionsAreReportedAtBothPlaces()
    {
        var other = "schemas:\n  Body:\n    properties:\n      domain:\n        type: integer\n";
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", Valid), new Spec(Dir + "b.apig.yaml", other));
        Assert.Equal(
            new[] { ("APIG0302", "a.apig.yaml", 16, 3), ("APIG0302", "b.apig.yaml", 2, 3) },
            reported.Select(d => (d.Id, d.File, d.Line, d.Column)).OrderBy(x => x.File).ToArray());
        Assert.Contains("b.apig.yaml(2,3)", reported.Single(d => d.File == "a.apig.yaml").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0305_ANamedEnumIsNoRequestBody()
    {
        var body = Valid.Replace("    schema: Body", "    schema: Kind", StringComparison.Ordinal);
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", body), new Spec(Dir + "b.apig.yaml", "schemas:\n  Kind:\n    type: string\n    enum: [A]\n"));
        var d = Assert.Single(reported);
        Assert.Equal(("APIG0305", "a.apig.yaml", 11, 13), (d.Id, d.File, d.Line, d.Column));
        Assert.Equal("The schema 'Kind' is an enum schema, but a request body needs an object schema", d.Message);
    }

    [Fact]
    public void APIG0305_AnObjectSchemaOfAnotherFileIsNoParameter()
    {
        const string Parameter = "    - { name: kind, in: query, schema: Shared }";
        var yaml = Valid.Replace("      type: string\n  body:", "      type: string\n" + Parameter + "\n  body:", StringComparison.Ordinal);
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", yaml), new Spec(Dir + "b.apig.yaml", SchemaNamed("Shared")));
        var d = Assert.Single(reported);
        Assert.Equal(("APIG0305", "a.apig.yaml", 10, Parameter.IndexOf("Shared", StringComparison.Ordinal) + 1), (d.Id, d.File, d.Line, d.Column));
        Assert.Contains("is an object schema, but a parameter is a primitive or an enum", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0302_ListsAtMostFiveOtherPlacesAndCountsTheRest()
    {
        // One copy of Body differs from eight identical ones: its message names five of them and counts three more.
        var specs = Enumerable.Range(0, 8)
            .Select(i => new Spec(Dir + "copy" + i + ".apig.yaml", "schemas:\n  Body:\n    properties:\n      domain:\n        type: string\n"))
            .Append(new Spec(Dir + "odd.apig.yaml", "schemas:\n  Body:\n    properties:\n      domain:\n        type: integer\n"))
            .ToArray();
        var reported = Diagnose.Run(specs);
        Assert.Equal(9, reported.Count(d => d.Id == "APIG0302"));
        var odd = reported.Single(d => d.File == "odd.apig.yaml");
        Assert.EndsWith("copy4.apig.yaml(2,3) and 3 more; identical definitions merge, differing ones must be renamed", odd.Message, StringComparison.Ordinal);
        Assert.Contains("odd.apig.yaml(2,3);", reported.Single(d => d.File == "copy0.apig.yaml").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APIG0302_IdenticalDefinitionsMerge()
    {
        var copy = Valid.Replace("AttachV2", "DetachV2", StringComparison.Ordinal).Replace("/attach", "/detach", StringComparison.Ordinal);
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "a.apig.yaml", Valid), new Spec(Dir + "b.apig.yaml", copy) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Single(output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()).OfType<Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax>(), r => r.Identifier.Text == "Body");
    }

    [Fact]
    public void APIG0210_AnOperationWhoseRequestTypeIsASchemaOfAnotherFileIsReportedAndLeftOut()
    {
        // The schema keeps the name; the operation is reported and not emitted, so the build shows no duplicate types.
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "op.apig.yaml", Valid),
            new Spec(Dir + "shared.apig.yaml", "schemas:\n  AttachV2Request:\n    properties:\n      a: { type: string }\n"),
        });
        var d = Diagnose.Reduce(Assert.Single(result.Diagnostics));
        Assert.Equal(("APIG0210", "op.apig.yaml", 2, 7), (d.Id, d.File, d.Line, d.Column));
        Assert.EndsWith("is also the name of a schema in namespace TestApp.Apig, defined in shared.apig.yaml(2,3)", d.Message, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var records = output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()).OfType<Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax>().Select(r => r.Identifier.Text).ToList();
        Assert.Single(records, r => r == "AttachV2Request");
        Assert.Contains("Body", records);
        Assert.DoesNotContain("AttachV2Response", records);
    }

    [Fact]
    public void APIG0303_AndAPIG0302_NameTheOtherFileByItsPathWhenItIsInAnotherFolder()
    {
        // Two files both named a.apig.yaml: a message naming "a.apig.yaml(2,7)" would send the reader to itself.
        var changed = Valid.Replace("type: string\n        required: true", "type: integer\n        required: true", StringComparison.Ordinal);
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", Valid), new Spec(Dir + "more/deeper/a.apig.yaml", changed));
        Assert.Equal(
            new[]
            {
                ("APIG0302", "../../a.apig.yaml(16,3)"), ("APIG0303", "../../a.apig.yaml(2,7)"),
                ("APIG0302", "more/deeper/a.apig.yaml(16,3)"), ("APIG0303", "more/deeper/a.apig.yaml(2,7)"),
            },
            reported.Select(d => (d.Id, Place(d.Message))).OrderBy(x => x.Item2, StringComparer.Ordinal).ToArray());

        static string Place(string message) => System.Text.RegularExpressions.Regex.Match(message, @"in (\S+\(\d+,\d+\))").Groups[1].Value;
    }

    [Theory]
    [InlineData("/p/specs/a.apig.yaml", "/p/specs/b.apig.yaml", "a.apig.yaml")]
    [InlineData("/p/specs/x/a.apig.yaml", "/p/specs/b.apig.yaml", "x/a.apig.yaml")]
    [InlineData("/p/a.apig.yaml", "/p/specs/x/b.apig.yaml", "../../a.apig.yaml")]
    [InlineData(@"C:\p\one\a.apig.yaml", @"C:\p\two\b.apig.yaml", "../one/a.apig.yaml")]
    [InlineData(@"D:\p\a.apig.yaml", @"C:\p\b.apig.yaml", "D:/p/a.apig.yaml")]
    public void AnotherFileIsNamedFromTheReportedFilesFolder(string file, string from, string expected) =>
        Assert.Equal(expected, ApigGen.Generator.Linking.CrossFileRules.RelativePath(file, from));

    [Fact]
    public void APIG0303_DuplicateOperationIdAtBothFiles()
    {
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", Valid), new Spec(Dir + "b.apig.yaml", Valid));
        Assert.Equal(
            new[] { ("APIG0303", "a.apig.yaml", 2, 7), ("APIG0303", "b.apig.yaml", 2, 7) },
            reported.Select(d => (d.Id, d.File, d.Line, d.Column)).OrderBy(x => x.File).ToArray());
    }

    [Fact]
    public void APIG0304_SchemaDefinedInSeveralOtherNamespaces()
    {
        var schemas = "namespace: {0}\nschemas:\n  Shared:\n    properties:\n      a:\n        type: string\n";
        var user = Valid.Replace("    schema: Body", "    schema: Shared", StringComparison.Ordinal);
        var reported = Diagnose.Run(
            new Spec(Dir + "a.apig.yaml", user),
            new Spec(Dir + "one.apig.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, schemas, "One")),
            new Spec(Dir + "two.apig.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, schemas, "Two")));
        var d = Assert.Single(reported);
        Assert.Equal(("APIG0304", "a.apig.yaml", 11, 13), (d.Id, d.File, d.Line, d.Column));
        Assert.Contains("One, Two", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDescriptorIsListedInTheUnshippedReleaseFileAndHasATestHere()
    {
        var releases = System.IO.File.ReadAllText(System.IO.Path.Combine(Paths.RepositoryRoot, "generator", "ApigGen.Generator", "AnalyzerReleases.Unshipped.md"));
        var tests = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).ToList();
        foreach (var descriptor in ApigGen.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Id + " |", releases, StringComparison.Ordinal);
            Assert.Contains(tests, t => t.StartsWith(descriptor.Id + "_", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NoDescriptorLinksToAnAddressThatDoesNotExist()
    {
        // The project has no public home yet: a help link would lead nowhere, so descriptors carry none
        // (every id is documented in specs/README.md).
        foreach (var descriptor in ApigGen.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.True(string.IsNullOrEmpty(descriptor.HelpLinkUri), descriptor.Id + " links to " + descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void OneBrokenSpecDoesNotHideAnotherOnesOutput()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "good.apig.yaml", Valid),
            new Spec(Dir + "bad.apig.yaml", "operation: [\n"),
        });
        Assert.Single(result.Diagnostics, d => d.Id == "APIG0101");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "good.apig.g.cs");
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedInOneRun()
    {
        var yaml = Valid
            .Replace("  method: POST", "  method: FETCH", StringComparison.Ordinal)
            .Replace("  id: AttachV2", "  id: 2Attach", StringComparison.Ordinal)
            .Replace("      type: string\n  body", "      type: strin\n  body", StringComparison.Ordinal);
        Assert.Equal(
            new[] { ("APIG0205", 2, 7), ("APIG0204", 3, 11), ("APIG0204", 9, 13) },
            Diagnose.Yaml(yaml).Select(d => (d.Id, d.Line, d.Column)).ToArray());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\u2028")]
    [InlineData("\u0085")]
    public void PositionsAgreeWithRoslynsLinesWhateverTheLineBreaks(string lineBreak)
    {
        // Three problems on three lines; each diagnostic's offset must be where Roslyn's own line map puts its line and
        // column, so the build and the editor point at the same character (YAML and Roslyn both count NEL and LS as line breaks).
        var yaml = Valid
            .Replace("  method: POST", "  method: FETCH", StringComparison.Ordinal)
            .Replace("  id: AttachV2", "  id: 2Attach", StringComparison.Ordinal)
            .Replace("      type: string\n  body", "      type: strin\n  body", StringComparison.Ordinal)
            .Replace("\n", lineBreak, StringComparison.Ordinal);
        var (result, _, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
        var lines = Microsoft.CodeAnalysis.Text.SourceText.From(yaml).Lines;
        var diagnostics = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { "APIG0205", "APIG0204", "APIG0204" }, diagnostics.Select(d => d.Id).ToArray());
        Assert.Equal(new[] { (1, 6), (2, 10), (8, 12) }, diagnostics.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character)).ToArray());
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal(diagnostic.Location.GetLineSpan().StartLinePosition, lines.GetLinePosition(diagnostic.Location.SourceSpan.Start));
            Assert.Equal(diagnostic.Location.GetLineSpan().EndLinePosition, lines.GetLinePosition(diagnostic.Location.SourceSpan.End));
        }
    }
}
