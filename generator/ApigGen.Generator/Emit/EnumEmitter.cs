using System.Text;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// Enums become extensible value types: the known values are static properties, and a value a newer server sends is
/// kept and written back unchanged instead of failing. The type is a record struct, so the compiler writes equality,
/// <c>==</c>, <c>!=</c> and the hash code (ordinal, over the wire value); a named enum is a type of its namespace, an
/// inline one is nested in the type that declares the member.
/// </summary>
internal sealed class EnumEmitter
{
    private const string WhatItIs = "Known values are static members; an unknown value from a newer server is kept as is.";

    private readonly SourceWriter _w;

    public EnumEmitter(SourceWriter writer) => _w = writer;

    /// <summary>A named enum: its summary is the schema's description.</summary>
    public void Emit(SchemaModel schema)
    {
        var summary = string.IsNullOrWhiteSpace(schema.Description)
            ? Docs.Text().Append("Values of ").AppendCode(schema.Name).Append(". ").Append(WhatItIs).ToString()
            : CSharp.Xml(schema.Description!) + " " + WhatItIs;
        Emit(schema.Enum!, summary);
    }

    /// <summary>An inline enum of <paramref name="property"/>.</summary>
    public void Emit(EnumModel model, PropertyModel property) =>
        Emit(model, Docs.Text().Append("Values of ").AppendCode(property.JsonName).Append(". ").Append(WhatItIs).ToString());

    private void Emit(EnumModel model, string summaryXml)
    {
        var name = model.TypeName;
        var valueType = model.IsInteger ? "int" : "string";
        Docs.SummaryXml(_w, summaryXml);
        _w.WriteLine(SpecFileEmitter.GeneratedTypeAttributes);
        using (_w.Open($"public readonly partial record struct {name}"))
        {
            _w.WriteLine(model.IsInteger ? "private readonly int _value;" : "private readonly string? _value;");
            _w.BlankLine();
            _w.WriteLine("/// <summary>Wraps a value as sent on the wire, known or not.</summary>");
            _w.WriteLine(model.IsInteger
                ? $"public {name}(int value) => _value = value;"
                : $"public {name}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
            _w.BlankLine();
            var known = new StringBuilder();
            foreach (var member in model.Members)
            {
                var literal = model.IsInteger ? member.Value : CSharp.Literal(member.Value);
                known.Append(known.Length == 0 ? string.Empty : " or ").Append(literal);
                if (member.Description is { } meaning && !string.IsNullOrWhiteSpace(meaning))
                {
                    // The value (its name may differ from it), then what it means.
                    Docs.SummaryXml(_w, Docs.Text().AppendCode(member.Value).Append(": ").Append(CSharp.Xml(meaning)).ToString());
                }
                else
                {
                    Docs.SummaryWithCode(_w, "The value ", member.Value, ".");
                }
                _w.WriteLine($"public static {name} {member.Name} {{ get; }} = new({literal});");
            }

            _w.BlankLine();
            _w.WriteLine("/// <summary>The value as sent on the wire.</summary>");
            _w.WriteLine(model.IsInteger ? "public int " + GeneratedNames.EnumValue + " => _value;" : "public string " + GeneratedNames.EnumValue + " => _value ?? string.Empty;");
            _w.WriteLine("/// <summary>True when the value is one the spec lists.</summary>");
            _w.WriteLine($"public bool {GeneratedNames.IsKnown} => _value is {known.ToString()};");
            if (!model.IsInteger)
            {
                _w.WriteLine("internal bool " + GeneratedNames.IsDefault + " => _value is null;");
            }

            _w.WriteLine("/// <summary>Converts a value as sent on the wire.</summary>");
            _w.WriteLine($"public static implicit operator {name}({valueType} value) => new(value);");
            if (model.IsInteger)
            {
                _w.WriteLine("/// <summary>The name of a known value, else the number.</summary>");
                using (_w.Open("public override string ToString() => _value switch", ";"))
                {
                    foreach (var member in model.Members)
                    {
                        _w.WriteLine($"{member.Value} => {member.Name:literal},");
                    }

                    _w.WriteLine("_ => _value.ToString(global::System.Globalization.CultureInfo.InvariantCulture),");
                }
            }
            else
            {
                _w.WriteLine("/// <summary>The value as sent on the wire.</summary>");
                _w.WriteLine("public override string ToString() => " + GeneratedNames.EnumValue + ";");
            }

            // Internal, and its name says what it does: no doc comment that would only restate it.
            _w.WriteLine(model.IsInteger
                ? "internal void " + GeneratedNames.WriteJson + "(global::System.Text.Json.Utf8JsonWriter writer) => writer.WriteNumberValue(_value);"
                : "internal void " + GeneratedNames.WriteJson + "(global::System.Text.Json.Utf8JsonWriter writer) => writer.WriteStringValue(" + GeneratedNames.EnumValue + ");");
        }
    }
}
