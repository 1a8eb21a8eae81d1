using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>
/// The facts of APIG v2 committed in <c>specs/facts/apig-v2-surface.json</c> (taken from the metadata of Huawei's
/// official Go SDK; its <c>conventions</c> block says what each field means): every operation and every model.
/// </summary>
internal static class Facts
{
    public static string File { get; } = Path.Combine(Paths.CatalogueSpecs, "facts", "apig-v2-surface.json");

    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(File)).RootElement);

    /// <summary>Every operation by its id.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Operations => OperationsById.Value;

    /// <summary>Every model (request bodies, nested types and <c>{Op}Response</c> bodies) by name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Models => ModelsByName.Value;

    private static readonly Lazy<Dictionary<string, JsonElement>> OperationsById = new(() =>
        Root.Value.GetProperty("operations").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, StringComparer.Ordinal));

    private static readonly Lazy<Dictionary<string, JsonElement>> ModelsByName = new(() =>
        Root.Value.GetProperty("models").EnumerateObject().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal));

    /// <summary>A string property, or null when it is absent or JSON null.</summary>
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A property as text (numbers and booleans in their JSON form), or null when absent or JSON null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>The <c>enum</c> values as text, or null.</summary>
    public static string[]? Enum(JsonElement element) =>
        element.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToArray()
            : null;
}
