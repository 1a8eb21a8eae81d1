using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Named enums (an enum under <c>schemas:</c>, referred to with <c>schema:</c>) and the .NET names of enum values:
/// one type per enum, merged across files, resolved from members, array items and parameters, in this file or another;
/// conflicts and misuses reported where they are written.
/// </summary>
public sealed class NamedEnumTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    /// <summary>An operation that uses the named enum <c>Proto</c> from a parameter, array items, a body member and a response member.</summary>
    private const string Uses = """
        operation:
          id: SetProtoV2
          method: POST
          path: /v2/{project_id}/protos/{proto}
          parameters:
            - { name: proto, in: path, required: true, schema: Proto }
            - { name: also, in: query, type: array, items: { schema: Proto } }
            - { name: X-Proto, in: header, schema: Proto }
          body:
            schema: Body
          responses:
            200:
              properties:
                proto: { schema: Proto }
                level: { schema: Level }
        schemas:
          Body:
            properties:
              proto: { schema: Proto, required: true, default: HTTPS, description: The protocol of the request. }
              list: { type: array, items: { schema: Proto } }
        """;

    /// <summary>The definitions <see cref="Uses"/> needs (line 2 is <c>Proto:</c>).</summary>
    private const string Declares = """
        schemas:
          Proto:
            description: Request protocol of an API.
            type: string
            enum: [HTTP, HTTPS, "2.0", application/json, cn-north-4]
          Level:
            type: integer
            format: int32
            enum: [1, 2]
            enumNames: [Low, High]
        """;

    private static string Sources(GeneratorDriverRunResult result) => string.Join("\n", result.GeneratedTrees.Select(tree => tree.ToString()));

    [Theory]
    [InlineData("HTTPS", "Https")]
    [InlineData("APP", "App")]
    [InlineData("IAM", "Iam")]
    [InlineData("RSA", "Rsa")]
    [InlineData("SECOND", "Second")]
    [InlineData("TRUE", "True")]
    [InlineData("application/json", "ApplicationJson")]
    [InlineData("ip_address", "IpAddress")]
    [InlineData("cn-north-4", "CnNorth4")]
    [InlineData("camelCase", "CamelCase")]
    [InlineData("HTTPServer", "HttpServer")]
    [InlineData("DOMAIN_ID", "DomainId")]
    [InlineData("pendingAcceptance", "PendingAcceptance")]
    [InlineData("TLSv1.2", "TlSv12")]
    [InlineData("2.0", "Value2_0")]
    [InlineData("1", "Value1")]
    [InlineData("10m", "Value10m")]
    [InlineData("-1", "Value1")]
    [InlineData("", "Empty")]
    [InlineData("*", "Value_2A")]
    [InlineData("+-", "Value_2B_2D")]
    public void AValueGetsItsDotNetName(string value, string name) => Assert.Equal(name, Naming.EnumMemberName(value));

    [Fact]
    public void ANamedEnumIsOneTypeUsedByMembersItemsAndParameters()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "a.apig.yaml", Uses + "\n" + Declares.Replace("schemas:\n", string.Empty, StringComparison.Ordinal)) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var source = Sources(result);
        Assert.Single(Regex.Matches(source, @"public readonly partial record struct Proto\b"));
        Assert.Single(Regex.Matches(source, @"public readonly partial record struct Level\b"));
        Assert.DoesNotContain("ProtoEnum", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Request protocol of an API. Known values are static members;", source, StringComparison.Ordinal);
        foreach (var member in new[] { "Http", "Https", "Value2_0", "ApplicationJson", "CnNorth4" })
        {
            Assert.Contains("public static Proto " + member + " { get; }", source, StringComparison.Ordinal);
        }

        // Every use names the one type: the body member, its items, the response member and the three parameters.
        Assert.Contains("public required global::TestApp.Apig.Proto Proto { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::TestApp.Apig.Proto>? List { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::TestApp.Apig.Proto>? Also { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public global::TestApp.Apig.Proto? XProto { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public global::TestApp.Apig.Level? Level { get; init; }", source, StringComparison.Ordinal);
        // The member keeps its own docs: its description, the enum's known values and its default.
        Assert.Contains("The protocol of the request.", source, StringComparison.Ordinal);
        Assert.Contains("known values <c>HTTP</c>, <c>HTTPS</c>", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnumDeclaredInAnotherFileIsResolvedThroughTheIndex()
    {
        // a.apig.yaml declares nothing: Proto and Level come from b.apig.yaml, in the same namespace.
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "a.apig.yaml", Uses), new Spec(Dir + "b.apig.yaml", Declares) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var a = result.GeneratedTrees.Single(t => t.FilePath.Contains("a.apig", StringComparison.Ordinal)).ToString();
        var b = result.GeneratedTrees.Single(t => t.FilePath.Contains("b.apig", StringComparison.Ordinal)).ToString();
        Assert.DoesNotContain("record struct", a, StringComparison.Ordinal);
        Assert.Contains("public readonly partial record struct Proto", b, StringComparison.Ordinal);
        // The parameter is sent as the wire value of the enum, and the body member is read and written as one.
        Assert.Contains("public required global::TestApp.Apig.Proto Proto { get; init; }", a, StringComparison.Ordinal);
        Assert.Contains(".Value", a, StringComparison.Ordinal);
        Assert.Contains("new global::TestApp.Apig.Proto(", a, StringComparison.Ordinal);
        Assert.Contains("if (Proto.IsDefault)", a, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnumOfTheOnlyNamespaceThatDefinesItIsNamedInThatNamespaceEverywhere()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "a.apig.yaml", Uses), new Spec(Dir + "b.apig.yaml", "namespace: Shared.Enums\n" + Declares) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var a = result.GeneratedTrees.Single(t => t.FilePath.Contains("a.apig", StringComparison.Ordinal)).ToString();
        Assert.Contains("public required global::Shared.Enums.Proto Proto { get; init; }", a, StringComparison.Ordinal);
        Assert.Contains("public global::Shared.Enums.Proto? XProto { get; init; }", a, StringComparison.Ordinal);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::Shared.Enums.Proto>? Also { get; init; }", a, StringComparison.Ordinal);
        Assert.DoesNotContain("TestApp.Apig.Proto", a, StringComparison.Ordinal);
    }

    [Fact]
    public void IdenticalDefinitionsInTwoFilesMergeIntoOneType()
    {
        var other = Uses.Replace("SetProtoV2", "GetProtoV2", StringComparison.Ordinal).Replace("/protos/", "/other/", StringComparison.Ordinal).Replace("  Body:", "  Body2:", StringComparison.Ordinal).Replace("schema: Body\n", "schema: Body2\n", StringComparison.Ordinal);
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "a.apig.yaml", Uses + "\n" + Declares.Replace("schemas:\n", string.Empty, StringComparison.Ordinal)),
            new Spec(Dir + "b.apig.yaml", other + "\n" + Declares.Replace("schemas:\n", string.Empty, StringComparison.Ordinal)),
        });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Single(Regex.Matches(Sources(result), @"record struct Proto\b"));
    }

    [Fact]
    public void DifferingDefinitionsOfOneNameAreReportedAtBoth()
    {
        var differing = Declares.Replace("cn-north-4]", "cn-north-9]", StringComparison.Ordinal);
        var reported = Diagnose.Run(new Spec(Dir + "a.apig.yaml", Declares), new Spec(Dir + "b.apig.yaml", differing));
        Assert.Equal(
            new[] { ("APIG0302", "a.apig.yaml", 2, 3), ("APIG0302", "b.apig.yaml", 2, 3) },
            reported.Select(d => (d.Id, d.File, d.Line, d.Column)).OrderBy(x => x.File).ToArray());
        Assert.Contains("'Proto'", reported[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    // Lines count from the spec's first line, "schemas:". An enum schema lists values, not members.
    [InlineData("  E:\n    type: string\n    enum: [A]\n    properties:\n      a: { type: string }\n", "APIG0212", 6, 7, "'properties' does not apply")]
    [InlineData("  E:\n    type: string\n    enum: [A]\n    rules: []\n", "APIG0212", 5, 12, "'rules' does not apply")]
    // An object schema takes no enum keys (type: object is fine).
    [InlineData("  E:\n    enumNames: [A]\n    properties:\n      a: { type: string }\n", "APIG0212", 3, 16, "'enumNames' does not apply")]
    [InlineData("  E:\n    type: string\n    properties:\n      a: { type: string }\n", "APIG0212", 3, 11, "'type' does not apply")]
    // An enum schema's own type.
    [InlineData("  E:\n    type: number\n    enum: [1.5]\n", "APIG0204", 3, 11, "an enum schema has type string or integer")]
    [InlineData("  E:\n    enum: [A]\n", "APIG0202", 3, 5, "'type' is missing from enum schema 'E'")]
    [InlineData("  E:\n    type: integer\n    enum: [1]\n", "APIG0202", 4, 11, "'enumNames' is missing")]
    [InlineData("  E:\n    type: integer\n    format: int64\n    enum: [1]\n    enumNames: [One]\n", "APIG0204", 4, 13, "an integer enum has the format int32")]
    // Values and names: collisions stay APIG0210 at the value, fixable with enumNames.
    [InlineData("  E:\n    type: string\n    enum: [HTTPS, https]\n", "APIG0210", 4, 19, "'https' becomes the C# name 'Https', which is already a member")]
    [InlineData("  E:\n    type: string\n    enum: [value]\n", "APIG0210", 4, 12, "'value' becomes the C# name 'Value'")]
    [InlineData("  E:\n    type: string\n    enum: [print-members]\n", "APIG0210", 4, 12, "'PrintMembers'")]
    [InlineData("  E:\n    type: string\n    enum: [clone]\n", "APIG0210", 4, 12, "'Clone'")]
    [InlineData("  E:\n    type: string\n    enum: [e]\n", "APIG0210", 4, 12, "is the name of the enum type itself")]
    [InlineData("  E:\n    type: string\n    enum: [A, B]\n    enumNames: [One, class]\n", "APIG0205", 5, 22, "it is a C# keyword")]
    public void AMisusedEnumSchemaIsReportedWhereItIsWritten(string schema, string id, int line, int column, string message)
    {
        var d = Assert.Single(Diagnose.Yaml("schemas:\n" + schema));
        Assert.Equal((id, line, column), (d.Id, d.Line, d.Column));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumNamesAreUsedAsWrittenAndResolveACollision()
    {
        var yaml = "schemas:\n  E:\n    type: string\n    enum: [HTTPS, https, \"2.0\"]\n    enumNames: [Https, HttpsLowerCase, two_point_zero]\n";
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var source = Sources(result);
        Assert.Contains("public static E HttpsLowerCase { get; } = new(\"https\");", source, StringComparison.Ordinal);
        Assert.Contains("public static E two_point_zero { get; } = new(\"2.0\");", source, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumDescriptionsDocumentTheValues()
    {
        var yaml = "schemas:\n  E:\n    type: string\n    enum: [HTTPS, ANY]\n    enumDescriptions: [TLS only, \"Every method <GET, POST, ...>\"]\n"
            + "  W:\n    properties:\n      k: { type: integer, enum: [1, 2], enumNames: [On, Off], enumDescriptions: [Switched on., Switched off.] }\n";
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", yaml) });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var source = Sources(result);
        Assert.Contains("/// <summary><c>HTTPS</c>: TLS only</summary>\n    public static E Https { get; }", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary><c>ANY</c>: Every method &lt;GET, POST, ...&gt;</summary>", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary><c>2</c>: Switched off.</summary>", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    enumDescriptions: [Only one]\n", "APIG0204", 5, 23, "'enumDescriptions' has an invalid value '1 descriptions': give exactly one per enum value")]
    [InlineData("    enumNames: [A]\n", "APIG0204", 5, 16, "'enumNames' has an invalid value '1 names': give exactly one per enum value")]
    public void EnumListsBesideTheValuesHaveOneEntryPerValue(string line, string id, int lineNumber, int column, string message)
    {
        var d = Assert.Single(Diagnose.Yaml("schemas:\n  E:\n    type: string\n    enum: [A, B]\n" + line));
        Assert.Equal((id, lineNumber, column), (d.Id, d.Line, d.Column));
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void EnumKeysBesideASchemaReferenceAreReported()
    {
        var yaml = Uses.Replace("list: { type: array, items: { schema: Proto } }", "list: { schema: Proto, enum: [HTTP] }", StringComparison.Ordinal) + "\n" + Declares.Replace("schemas:\n", string.Empty, StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0212", 20, 36), (d.Id, d.Line, d.Column));
        Assert.Contains("'enum' does not apply to a value of type schema reference", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResponseSchemaMustBeAnObject()
    {
        var yaml = "operation:\n  id: GetV2\n  method: GET\n  path: /v2/x\n  responses:\n    200:\n      schema: Proto\n" + Declares;
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 7, 15), (d.Id, d.Line, d.Column));
        Assert.Contains("this one is an enum", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnObjectSchemaOfThisFileIsNoParameter()
    {
        var yaml = Uses.Replace("schema: Proto }\n    - { name: also", "schema: Body }\n    - { name: also", StringComparison.Ordinal) + "\n" + Declares.Replace("schemas:\n", string.Empty, StringComparison.Ordinal);
        var d = Assert.Single(Diagnose.Yaml(yaml));
        Assert.Equal(("APIG0204", 6, 56), (d.Id, d.Line, d.Column));
        Assert.Contains("parameters are primitives, enums or arrays of them", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEnumTypeKeepsUnknownValuesAndComparesByValue()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { new Spec(Dir + "x.apig.yaml", Declares) });
        Assert.Empty(result.Diagnostics);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("enums", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var proto = assembly.GetType("TestApp.Apig.Proto", throwOnError: true)!;
            object Known(string name) => proto.GetProperty(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            object Wrap(string value) => Activator.CreateInstance(proto, value)!;
            object? Get(object value, string property) => proto.GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(value);

            var https = Known("Https");
            Assert.Equal("HTTPS", Get(https, "Value"));
            Assert.Equal("HTTPS", https.ToString());
            Assert.True((bool)Get(https, "IsKnown")!);
            Assert.Equal(https, Wrap("HTTPS"));
            Assert.Equal(https.GetHashCode(), Wrap("HTTPS").GetHashCode());
            Assert.NotEqual(https, Wrap("https")); // ordinal
            Assert.True((bool)proto.GetMethod("op_Equality")!.Invoke(null, new[] { https, Wrap("HTTPS") })!);
            Assert.Equal(Wrap("HTTPS"), proto.GetMethod("op_Implicit")!.Invoke(null, new object[] { "HTTPS" }));

            var unknown = Wrap("SPDY");
            Assert.False((bool)Get(unknown, "IsKnown")!);
            Assert.Equal("SPDY", unknown.ToString());
            var none = Activator.CreateInstance(proto)!;
            Assert.True((bool)Get(none, "IsDefault")!);
            Assert.Equal(string.Empty, Get(none, "Value"));
            Assert.False((bool)Get(Wrap(string.Empty), "IsDefault")!);
            var thrown = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(proto, new object?[] { null }));
            Assert.IsType<ArgumentNullException>(thrown.InnerException);

            var level = assembly.GetType("TestApp.Apig.Level", throwOnError: true)!;
            Assert.Equal("High", level.GetProperty("High")!.GetValue(null)!.ToString());
            Assert.Equal("7", Activator.CreateInstance(level, 7)!.ToString());
            Assert.Equal(2, level.GetProperty("Value")!.GetValue(level.GetProperty("High")!.GetValue(null)));
        }
        finally
        {
            context.Unload();
        }
    }
}
