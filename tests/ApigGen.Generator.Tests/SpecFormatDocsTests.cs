using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>The JSON Schema and specs/README.md describe exactly what the binder accepts and reports.</summary>
public sealed class SpecFormatDocsTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.CatalogueSpecs, "apig-spec.schema.json"))).RootElement;

    private static string[] Keys(JsonElement element) => element.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    private static string[] Sorted(string[] keys) => keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    [Fact]
    public void TheJsonSchemaHasTheBindersKeys()
    {
        Assert.Equal(Sorted(SpecKeys.Top), Keys(Schema));
        Assert.Equal(Sorted(SpecKeys.Operation), Keys(Definition("operation")));
        Assert.Equal(Sorted(SpecKeys.Type), Keys(Definition("member")));
        Assert.Equal(Sorted(SpecKeys.Parameter), Keys(Definition("parameter")));
        Assert.Equal(Sorted(SpecKeys.Items), Keys(Definition("items")));
        Assert.Equal(Sorted(SpecKeys.MapValues), Keys(Definition("mapValues")));
        Assert.Equal(Sorted(SpecKeys.Schema), Keys(Definition("schema")));
        var operation = Definition("operation").GetProperty("properties");
        Assert.Equal(Sorted(SpecKeys.Body), Keys(operation.GetProperty("body")));
        Assert.Equal(Sorted(SpecKeys.Response), Keys(operation.GetProperty("responses").GetProperty("additionalProperties")));
        Assert.Equal(Sorted(SpecKeys.Error), Keys(operation.GetProperty("errors").GetProperty("additionalProperties")));
        Assert.Equal(Sorted(SpecKeys.Paging), Keys(operation.GetProperty("paging")));
        var rule = Definition("schema").GetProperty("properties").GetProperty("rules").GetProperty("items");
        Assert.Equal(Sorted(SpecKeys.Rule), Keys(rule));
        Assert.Equal(Sorted(SpecKeys.When), Keys(rule.GetProperty("properties").GetProperty("when")));
    }

    [Fact]
    public void TheReadmeListsEveryDiagnosticWithItsSeverity()
    {
        var readme = File.ReadAllText(Path.Combine(Paths.CatalogueSpecs, "README.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains("| " + descriptor.Id + " | " + descriptor.DefaultSeverity + " |", readme, StringComparison.Ordinal);
        }

        Assert.Equal(DiagnosticDescriptors.All.Count(), readme.Split('\n').Count(l => l.StartsWith("| APIG", StringComparison.Ordinal)));
    }

    [Fact]
    public void CatalogueSpecsPointEditorsAtTheSchema()
    {
        foreach (var file in Catalogue.Files)
        {
            // The schema sits in specs/; a spec in a family folder points one level up.
            var up = string.Concat(Enumerable.Repeat("../", Catalogue.Relative(file).Count(c => c == '/')));
            Assert.True(File.ReadAllText(file).StartsWith("# yaml-language-server: $schema=" + up + "apig-spec.schema.json\n", StringComparison.Ordinal), Catalogue.Relative(file) + " does not start with the schema comment");
        }
    }
}
