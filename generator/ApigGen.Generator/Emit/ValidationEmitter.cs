using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The validation of one generated record: <c>Validate()</c>, <c>GetValidationErrors()</c>, the walk both run
/// (<c>IApigValidatable.CollectErrors</c>, implemented explicitly: each member's checks, decided once by
/// <see cref="ValueChecks"/>, and the rules across members), and the cached pattern fields the checks use. One
/// instance per record.
/// </summary>
internal sealed class ValidationEmitter
{
    private const string Runtime = "global::ApigGen";

    /// <summary>The base list of a record that validates (it implements the runtime's <c>IApigValidatable</c>, whose docs its members inherit).</summary>
    public const string ValidatableBase = " : " + Runtime + ".IApigValidatable";

    private readonly SourceWriter _w;

    /// <summary>The record's pattern fields, by field name.</summary>
    private readonly Dictionary<string, string> _regexFields = new();

    public ValidationEmitter(SourceWriter writer) => _w = writer;

    /// <summary>
    /// <c>Validate()</c> and <c>GetValidationErrors()</c> (implementing <see cref="ValidatableBase"/>), then opens the
    /// walk: the caller writes its body (<see cref="ValidateMember"/>, <see cref="ValidateRule"/>) and disposes
    /// the returned block.
    /// </summary>
    public SourceWriter.Block ValidationMethods(string typeName)
    {
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public void {GeneratedNames.Validate}() => {Runtime}.ApigValidator.Validate(this, {typeName:literal});");
        _w.BlankLine();
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Runtime}.ApigValidationError> {GeneratedNames.GetValidationErrors}() => {Runtime}.ApigValidator.GetErrors(this);");
        _w.BlankLine();

        // Explicit: the walk is the validator's business, not a member users see on the record.
        return _w.Open($"void {Runtime}.IApigValidatable.{GeneratedNames.CollectErrors}({Runtime}.ApigValidator validator)");
    }

    /// <summary>
    /// Writes the checks of one member, one line each: every check takes the member's value as it is (null skips it) and
    /// the first one of a mandatory member records "is required" for null.
    /// </summary>
    public void ValidateMember(PropertyModel property, string access, ParameterLocation? location)
    {
        var member = CSharp.Literal(property.JsonName);
        var checks = ValueChecks.For(property.Type, property.Constraints, location);
        if (property.Type.Kind == TypeKind.Enum && !property.Type.Enum!.IsInteger && property.Required)
        {
            _w.WriteLine($"if ({access}.{GeneratedNames.IsDefault}) validator.Required({member});");
            return;
        }

        // A mandatory value type always has a value: nothing to require.
        var required = property.Required && !property.Type.IsValueType;
        if (checks is not { } found)
        {
            if (required)
            {
                _w.WriteLine($"validator.Required({member}, {access});");
            }

            return;
        }

        var lines = CheckCalls(found, access, member, property.Name);
        for (var i = 0; i < lines.Count; i++)
        {
            _w.WriteLine("validator." + (required && i == 0 ? lines[i].Insert(lines[i].Length - 1, ", required: true") : lines[i]) + ";");
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
        foreach (var name in rule.Require)
        {
            var target = Find(properties, name);
            _w.WriteLine($"if ({condition} && {target.Name} is null) validator.AddError({target.JsonName:literal}, {"is required when " + when.JsonName + " is " + rule.EqualsValue:literal});");
        }
    }

    /// <summary>
    /// The validator calls (without <c>validator.</c> and <c>;</c>) that check one value, at least one (<paramref name="member"/>
    /// is the JSON name's literal, or <c>null</c> for an array item; <paramref name="name"/> names the pattern fields).
    /// </summary>
    internal List<string> CheckCalls(ValueChecks checks, string value, string member, string name)
    {
        var lines = new List<string>();
        var c = checks.Constraints;
        switch (checks.Kind)
        {
            case TypeKind.String:
                if (checks.ChecksPathSegment)
                {
                    lines.Add($"CheckPathSegment({member}, {value})");
                }

                if (checks.ChecksHeaderValue)
                {
                    lines.Add($"CheckHeaderValue({member}, {value})");
                }

                if (checks.ChecksLength)
                {
                    lines.Add($"CheckLength({member}, {value}, {c.MinLength ?? 0}, {(c.MaxLength is { } max ? max.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")})");
                }

                if (checks.ChecksPattern)
                {
                    lines.Add($"CheckPattern({member}, {value}, {PatternField(name, c.Pattern!)}, {CSharp.Literal("must match the pattern " + c.Pattern)})");
                }

                break;
            case TypeKind.Int32:
            case TypeKind.Int64:
                lines.Add($"CheckRange({member}, {value}, {(c.Minimum is null ? "long.MinValue" : c.Minimum + "L")}, {(c.Maximum is null ? "long.MaxValue" : c.Maximum + "L")})");
                break;
            case TypeKind.Number:
                lines.Add($"CheckRange({member}, {value}, {(c.Minimum is null ? "double.NegativeInfinity" : DoubleLiteral(c.Minimum))}, {(c.Maximum is null ? "double.PositiveInfinity" : DoubleLiteral(c.Maximum))})");
                break;
            case TypeKind.Schema:
                lines.Add($"CheckObject({member}, {value})");
                break;
            case TypeKind.Array:
                var arguments = new List<string> { member, value };
                if (checks.ChecksCount)
                {
                    arguments.Add((c.MinItems ?? 0).ToString(CultureInfo.InvariantCulture));
                    arguments.Add(c.MaxItems is { } maxItems ? maxItems.ToString(CultureInfo.InvariantCulture) : "int.MaxValue");
                }

                if (checks.Items is { Kind: TypeKind.Schema })
                {
                    // Items with a walk of their own: the validator runs it, no lambda needed.
                    lines.Add($"CheckObjectList({string.Join(", ", arguments)})");
                    break;
                }

                if (checks.Items is { } itemChecks)
                {
                    // The item's checks in a static lambda: its parameter shadows the method's validator (allowed since C# 8).
                    var itemLines = CheckCalls(itemChecks, "item", "null", name);
                    var body = itemLines.Count == 1 ? "validator." + itemLines[0] : "{ validator." + string.Join("; validator.", itemLines) + "; }";
                    arguments.Add((checks.ChecksCount ? string.Empty : "checkItem: ") + "static (validator, item) => " + body);
                }

                lines.Add($"CheckList({string.Join(", ", arguments)})");
                break;
            case TypeKind.Map:
                var mapArguments = new List<string> { member, value };
                if (checks.Items is { Kind: TypeKind.Schema })
                {
                    mapArguments.Add("checkValue: " + CollectLambda);
                }
                else if (checks.Items is { } valueChecks)
                {
                    // Each value's checks in a static lambda, as for a list's items.
                    var valueLines = CheckCalls(valueChecks, "item", "null", name);
                    mapArguments.Add("checkValue: static (validator, item) => " + (valueLines.Count == 1 ? "validator." + valueLines[0] : "{ validator." + string.Join("; validator.", valueLines) + "; }"));
                }

                lines.Add($"CheckMap({string.Join(", ", mapArguments)})");
                break;
            case TypeKind.Any:
                lines.Add($"CheckElement({member}, {value})");
                break;
        }

        return lines;
    }

    /// <summary>The walk of a map's record values, as the static lambda the validator's map check takes.</summary>
    private const string CollectLambda = "static (validator, value) => validator.CheckObject(null, value)";

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

    /// <summary>The field that caches <paramref name="pattern"/> for the member <paramref name="name"/>.</summary>
    private string PatternField(string name, string pattern)
    {
        // Fields are per type, and two members can give one name (class and class_value both give classValue): never
        // share a field between two patterns.
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
