using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The validation of one generated record: <c>Validate()</c>, <c>GetValidationErrors()</c>, the internal
/// <c>CollectErrors</c> walk that both call (each member's checks, decided once by <see cref="ValueChecks"/>, and the
/// rules across members), and the cached pattern fields the checks use. One instance per record.
/// </summary>
internal sealed class ValidationEmitter
{
    private const string Runtime = "global::ApigGen";

    /// <summary>The base list of a record that validates (it implements the runtime's <c>IApigValidatable</c>, whose docs its members inherit).</summary>
    public const string ValidatableBase = " : " + Runtime + ".IApigValidatable";

    private readonly SourceWriter _w;

    /// <summary>
    /// The member locals <c>CollectErrors</c> has declared so far. Two members can ask for the same name (<c>class</c>
    /// escapes to <c>classValue</c>, which is also what <c>class_value</c> gives), and C# keeps a pattern variable of an
    /// <c>if</c> in scope for the rest of the method: the second one gets an underscore, as in WriteJson and ReadJson.
    /// </summary>
    private readonly HashSet<string> _checkLocals = new();

    /// <summary>The record's pattern fields, by field name.</summary>
    private readonly Dictionary<string, string> _regexFields = new();

    public ValidationEmitter(SourceWriter writer) => _w = writer;

    /// <summary>
    /// <c>Validate()</c> and <c>GetValidationErrors()</c> (implementing <see cref="ValidatableBase"/>), then opens the
    /// internal walk: the caller writes its body (<see cref="ValidateMember"/>, <see cref="ValidateRule"/>) and disposes
    /// the returned block.
    /// </summary>
    public SourceWriter.Block ValidationMethods(string typeName)
    {
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public void {GeneratedNames.Validate}() => {Runtime}.ApigValidator.Validate(this, static (value, validator) => value.{GeneratedNames.CollectErrors}(validator), {typeName:literal});");
        _w.BlankLine();
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Runtime}.ApigValidationError> {GeneratedNames.GetValidationErrors}() => {Runtime}.ApigValidator.GetErrors(this, static (value, validator) => value.{GeneratedNames.CollectErrors}(validator));");
        _w.BlankLine();
        _w.WriteLine("/// <summary>Records the broken rules of this value in <paramref name=\"validator\"/>.</summary>");
        _w.WriteLine("/// <param name=\"validator\">Collects the errors and their paths.</param>");
        _checkLocals.Clear();
        return _w.Open($"internal void {GeneratedNames.CollectErrors}({Runtime}.ApigValidator validator)");
    }

    /// <summary>Writes the checks of one member.</summary>
    public void ValidateMember(PropertyModel property, string access, ParameterLocation? location)
    {
        var member = CSharp.Literal(property.JsonName);
        var local = RecordEmitter.Unique(_checkLocals, CSharp.Local(property.Name, "Value"));
        var checks = ValueChecks.For(property.Type, property.Constraints, location);
        if (property.Type.Kind == TypeKind.Enum && !property.Type.Enum!.IsInteger && property.Required)
        {
            using (_w.Open($"if ({access}.{GeneratedNames.IsDefault})"))
            {
                _w.WriteLine($"validator.Required({member});");
            }

            return;
        }

        if (property.Type.IsValueType && property.Required)
        {
            if (checks is not null)
            {
                _w.WriteLine($"var {local} = {access};");
                WriteChecks(checks.Value, local, member, property.Name, 0);
            }

            return;
        }

        if (checks is not { } found)
        {
            if (property.Required)
            {
                using (_w.Open($"if ({access} is null)"))
                {
                    _w.WriteLine($"validator.Required({member});");
                }
            }

            return;
        }

        using (_w.Open($"if ({access} is {{ }} {local})"))
        {
            WriteChecks(found, local, member, property.Name, 0);
        }

        if (property.Required)
        {
            using (_w.Open("else"))
            {
                _w.WriteLine($"validator.Required({member});");
            }
        }
    }

    /// <summary>Writes a rule across members: when one member has a value, others must be set.</summary>
    public void ValidateRule(RuleModel rule, EquatableArray<PropertyModel> properties)
    {
        var when = Find(properties, rule.When);
        var access = when.Required || when.Type.Kind is TypeKind.String ? when.Name : when.Name + "?";
        var condition = when.Type.Kind switch
        {
            TypeKind.Enum when when.Type.Enum!.IsInteger => access + "." + GeneratedNames.EnumValue + " == " + rule.EqualsValue,
            TypeKind.Enum => access + "." + GeneratedNames.EnumValue + " == " + CSharp.Literal(rule.EqualsValue),
            TypeKind.String => when.Name + " == " + CSharp.Literal(rule.EqualsValue),
            _ => when.Name + " == " + rule.EqualsValue,
        };
        using (_w.Open($"if ({condition})"))
        {
            foreach (var name in rule.Require)
            {
                var target = Find(properties, name);
                using (_w.Open($"if ({target.Name} is null)"))
                {
                    _w.WriteLine($"validator.AddError({target.JsonName:literal}, {"is required when " + when.JsonName + " is " + rule.EqualsValue:literal});");
                }
            }
        }
    }

    /// <summary>Writes the checks of one value (<paramref name="member"/> is the JSON name's literal, or <c>null</c> for an array item).</summary>
    internal void WriteChecks(ValueChecks checks, string value, string member, string name, int depth)
    {
        var c = checks.Constraints;
        switch (checks.Kind)
        {
            case TypeKind.String:
                if (checks.ChecksPathSegment)
                {
                    _w.WriteLine($"validator.CheckPathSegment({member}, {value});");
                }

                if (checks.ChecksHeaderValue)
                {
                    _w.WriteLine($"validator.CheckHeaderValue({member}, {value});");
                }

                if (checks.ChecksLength)
                {
                    _w.WriteLine($"validator.CheckLength({member}, {value}, {c.MinLength ?? 0}, {(c.MaxLength is { } max ? max.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")});");
                }

                if (checks.ChecksPattern)
                {
                    _w.WriteLine($"validator.CheckPattern({member}, {value}, {PatternField(name, c.Pattern!)}, {"must match the pattern " + c.Pattern:literal});");
                }

                break;
            case TypeKind.Int32:
            case TypeKind.Int64:
                _w.WriteLine($"validator.CheckRange({member}, (long){value}, {(c.Minimum is null ? "long.MinValue" : c.Minimum + "L")}, {(c.Maximum is null ? "long.MaxValue" : c.Maximum + "L")});");
                break;
            case TypeKind.Number:
                _w.WriteLine($"validator.CheckRange({member}, {value}, {(c.Minimum is null ? "double.NegativeInfinity" : DoubleLiteral(c.Minimum))}, {(c.Maximum is null ? "double.PositiveInfinity" : DoubleLiteral(c.Maximum))});");
                break;
            case TypeKind.Schema:
                if (member == "null")
                {
                    _w.WriteLine($"{value}.{GeneratedNames.CollectErrors}(validator);");
                }
                else
                {
                    _w.WriteLine($"validator.Enter({member});");
                    _w.WriteLine($"{value}.{GeneratedNames.CollectErrors}(validator);");
                    _w.WriteLine("validator.Exit();");
                }

                break;
            case TypeKind.Array:
                WriteArrayChecks(checks, value, member, name, depth);
                break;
            case TypeKind.Map:
                WriteMapChecks(checks, value, member, name, depth);
                break;
            case TypeKind.Any:
                using (_w.Open($"if ({value}.ValueKind == global::System.Text.Json.JsonValueKind.Undefined)"))
                {
                    _w.WriteLine($"validator.AddError({member}, \"must hold a JSON value (it is default(JsonElement))\");");
                }

                break;
        }
    }

    /// <summary>The checks of a map's values, each at the path <c>member.key</c>: not null, and the value type's own checks.</summary>
    private void WriteMapChecks(ValueChecks checks, string value, string member, string name, int depth)
    {
        var entry = depth == 0 ? "item" : "item" + depth.ToString(CultureInfo.InvariantCulture);
        if (member != "null")
        {
            _w.WriteLine($"validator.Enter({member});");
        }

        using (_w.Open($"foreach (var {entry} in {value})"))
        {
            _w.WriteLine($"validator.Enter({entry}.Key);");
            if (checks.ItemsNullable)
            {
                using (_w.Open($"if ({entry}.Value is not {{ }} {entry}Value)"))
                {
                    _w.WriteLine("validator.AddError(null, \"must not be null\");");
                }

                if (checks.Items is { } valueChecks)
                {
                    using (_w.Open("else"))
                    {
                        WriteChecks(valueChecks, entry + "Value", "null", name, depth + 1);
                    }
                }
            }
            else
            {
                _w.WriteLine($"var {entry}Value = {entry}.Value;");
                WriteChecks(checks.Items!.Value, entry + "Value", "null", name, depth + 1);
            }

            _w.WriteLine("validator.Exit();");
        }

        if (member != "null")
        {
            _w.WriteLine("validator.Exit();");
        }
    }

    /// <summary>The cached pattern fields the checks used, after a blank line; nothing when there are none.</summary>
    public void RegexFields()
    {
        if (_regexFields.Count == 0)
        {
            return;
        }

        _w.BlankLine();
        var names = new List<string>(_regexFields.Keys);
        names.Sort(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            _w.WriteLine($"private static readonly global::System.Text.RegularExpressions.Regex {name} = new({_regexFields[name]:literal}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
            _w.BlankLine();
        }
    }

    /// <summary>The checks of an array: its count, then each item (null items, and the item type's own checks).</summary>
    private void WriteArrayChecks(ValueChecks checks, string value, string member, string name, int depth)
    {
        var c = checks.Constraints;
        if (checks.ChecksCount)
        {
            _w.WriteLine($"validator.CheckCount({member}, {value}.Count, {c.MinItems ?? 0}, {(c.MaxItems is { } maxItems ? maxItems.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")});");
        }

        if (!checks.WalksItems)
        {
            return;
        }

        var index = depth == 0 ? "i" : "i" + depth.ToString(CultureInfo.InvariantCulture);
        var item = depth == 0 ? "item" : "item" + depth.ToString(CultureInfo.InvariantCulture);
        if (member != "null")
        {
            _w.WriteLine($"validator.Enter({member});");
        }

        using (_w.Open($"for (var {index} = 0; {index} < {value}.Count; {index}++)"))
        {
            _w.WriteLine($"validator.EnterIndex({index});");
            if (checks.ItemsNullable)
            {
                using (_w.Open($"if ({value}[{index}] is not {{ }} {item})"))
                {
                    _w.WriteLine("validator.AddError(null, \"must not be null\");");
                }

                if (checks.Items is { } itemChecks)
                {
                    using (_w.Open("else"))
                    {
                        WriteChecks(itemChecks, item, "null", name, depth + 1);
                    }
                }
            }
            else
            {
                _w.WriteLine($"var {item} = {value}[{index}];");
                WriteChecks(checks.Items!.Value, item, "null", name, depth + 1);
            }

            _w.WriteLine("validator.Exit();");
        }

        if (member != "null")
        {
            _w.WriteLine("validator.Exit();");
        }
    }

    /// <summary>The field that caches <paramref name="pattern"/> for the member <paramref name="name"/>.</summary>
    private string PatternField(string name, string pattern)
    {
        // Fields are per type, and two members can give one name (see _checkLocals): never share a field between two patterns.
        var field = "s_" + CSharp.Local(name) + "Pattern";
        while (_regexFields.TryGetValue(field, out var taken) && taken != pattern)
        {
            field += "_";
        }

        _regexFields[field] = pattern;
        return field;
    }

    private static PropertyModel Find(EquatableArray<PropertyModel> properties, string name)
    {
        foreach (var property in properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        throw new System.InvalidOperationException("The binder lets a rule name only members of its schema: " + name);
    }

    private static string DoubleLiteral(string value) => value.Contains(".") || value.Contains("E") || value.Contains("e") ? value : value + ".0";
}
