using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// Inline enums become extensible value types: the known values are static properties, and a value a newer
/// server sends is kept and written back unchanged instead of failing.
/// </summary>
internal sealed class EnumEmitter
{
    private readonly SourceWriter _w;

    public EnumEmitter(SourceWriter writer) => _w = writer;

    public void Emit(EnumModel model, PropertyModel property)
    {
        var name = model.TypeName;
        var valueType = model.IsInteger ? "int" : "string";
        Docs.SummaryWithCode(_w, "Values of ", property.JsonName, ". Known values are static members; an unknown value from a newer server is kept as is.");
        _w.WriteLine(SpecFileEmitter.GeneratedTypeAttributes);
        using (_w.Open($"public readonly partial struct {name} : global::System.IEquatable<{name}>"))
        {
            _w.WriteLine(model.IsInteger ? "private readonly int _value;" : "private readonly string? _value;");
            _w.BlankLine();
            _w.WriteLine("/// <summary>Wraps a value, known or not.</summary>");
            _w.WriteLine("/// <param name=\"value\">The value as sent on the wire.</param>");
            using (_w.Open($"public {name}({valueType} value)"))
            {
                if (!model.IsInteger)
                {
                    _w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(value);");
                }

                _w.WriteLine("_value = value;");
            }

            foreach (var member in model.Members)
            {
                _w.BlankLine();
                Docs.SummaryWithCode(_w, "The value ", member.Value, ".");
                _w.WriteLine($"public static {name} {member.Name} {{ get; }} = new({(model.IsInteger ? member.Value : CSharp.Literal(member.Value))});");
            }

            _w.BlankLine();
            _w.WriteLine("/// <summary>The value as sent on the wire.</summary>");
            _w.WriteLine(model.IsInteger ? "public int " + GeneratedNames.EnumValue + " => _value;" : "public string " + GeneratedNames.EnumValue + " => _value ?? string.Empty;");
            _w.BlankLine();
            _w.WriteLine("/// <summary>True when the value is one the spec lists.</summary>");
            var known = new System.Collections.Generic.List<string>();
            foreach (var member in model.Members)
            {
                known.Add(model.IsInteger ? member.Value : CSharp.Literal(member.Value));
            }

            _w.WriteLine($"public bool {GeneratedNames.IsKnown} => _value is {string.Join(" or ", known)};");
            if (!model.IsInteger)
            {
                _w.BlankLine();
                _w.WriteLine("/// <summary>True for <c>default</c>, which holds no value.</summary>");
                _w.WriteLine("internal bool " + GeneratedNames.IsDefault + " => _value is null;");
            }

            _w.BlankLine();
            _w.WriteLine("/// <summary>Converts a wire value.</summary>");
            _w.WriteLine("/// <param name=\"value\">The value.</param>");
            _w.WriteLine($"public static implicit operator {name}({valueType} value) => new(value);");
            _w.BlankLine();
            _w.WriteLine("/// <summary>Compares two values.</summary>");
            _w.WriteLine("/// <param name=\"left\">The first value.</param>");
            _w.WriteLine("/// <param name=\"right\">The second value.</param>");
            _w.WriteLine($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
            _w.BlankLine();
            _w.WriteLine("/// <summary>Compares two values.</summary>");
            _w.WriteLine("/// <param name=\"left\">The first value.</param>");
            _w.WriteLine("/// <param name=\"right\">The second value.</param>");
            _w.WriteLine($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
            _w.BlankLine();
            _w.WriteLine("/// <inheritdoc/>");
            _w.WriteLine($"public bool Equals({name} other) => {(model.IsInteger ? "_value == other._value;" : "string.Equals(_value, other._value, global::System.StringComparison.Ordinal);")}");
            _w.BlankLine();
            _w.WriteLine("/// <inheritdoc/>");
            _w.WriteLine($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
            _w.BlankLine();
            _w.WriteLine("/// <inheritdoc/>");
            _w.WriteLine($"public override int GetHashCode() => {(model.IsInteger ? "_value;" : "_value is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);")}");
            _w.BlankLine();
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
            _w.BlankLine();
            _w.WriteLine("/// <summary>Writes the value as JSON.</summary>");
            _w.WriteLine("/// <param name=\"writer\">The writer.</param>");
            _w.WriteLine(model.IsInteger
                ? "internal void " + GeneratedNames.WriteJson + "(global::System.Text.Json.Utf8JsonWriter writer) => writer.WriteNumberValue(_value);"
                : "internal void " + GeneratedNames.WriteJson + "(global::System.Text.Json.Utf8JsonWriter writer) => writer.WriteStringValue(" + GeneratedNames.EnumValue + ");");
        }
    }
}
