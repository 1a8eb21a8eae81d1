using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The members every generated record shares: properties, nested enums, JSON writing and reading with
/// <c>Utf8JsonWriter</c>/<c>Utf8JsonReader</c>, validation, and secret masking in <c>ToString()</c>.
/// </summary>
internal sealed class ObjectEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string Runtime = "global::ApigGen";

    private readonly SourceWriter _w;
    private readonly TypeNames _types;

    /// <summary>
    /// The member locals <c>CollectErrors</c> has declared so far. Two members can ask for the same name (<c>class</c>
    /// escapes to <c>classValue</c>, which is also what <c>class_value</c> gives), and C# keeps a pattern variable of an
    /// <c>if</c> in scope for the rest of the method: the second one gets an underscore, as in WriteJson and ReadJson.
    /// </summary>
    private readonly HashSet<string> _checkLocals = new();

    public ObjectEmitter(SourceWriter writer, TypeNames types)
    {
        _w = writer;
        _types = types;
    }

    public void Properties(IReadOnlyList<PropertyModel> properties, string kind)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            Property(properties[i], kind);
        }
    }

    /// <summary>One property with its docs, then a blank line; <paramref name="kind"/> says what it is ("member", "query parameter").</summary>
    public void Property(PropertyModel property, string kind)
    {
        if (!Docs.Summary(_w, property.Description))
        {
            Docs.SummaryWithCode(_w, "The ", property.JsonName, " " + kind + ".");
        }

        Docs.Remarks(_w, Docs.Facts(property, kind));
        _w.WriteLine($"public {(property.Required ? "required " : string.Empty)}{_types.Declared(property)} {property.Name} {{ get; init; }}");
        _w.BlankLine();
    }

    /// <summary>The nested enum type of every member that has one, each after a blank line; nothing when none has.</summary>
    public void Enums(IReadOnlyList<PropertyModel> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var enumModel = property.Type.Enum ?? property.Type.Items?.Enum;
            if (enumModel is not null)
            {
                _w.BlankLine();
                new EnumEmitter(_w).Emit(enumModel, property);
            }
        }
    }

    /// <summary>The base list of a record that validates (it implements the runtime's <c>IApigValidatable</c>, whose docs its members inherit).</summary>
    public const string ValidatableBase = " : " + Runtime + ".IApigValidatable";

    /// <summary>
    /// <c>Validate()</c> and <c>GetValidationErrors()</c> (implementing <see cref="ValidatableBase"/>) and the internal
    /// walk; <paramref name="walk"/> writes the walk's body.
    /// </summary>
    public void ValidationMethods(string typeName, System.Action walk)
    {
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public void Validate() => {Runtime}.ApigValidator.Validate(this, static (value, validator) => value.CollectErrors(validator), {typeName:literal});");
        _w.BlankLine();
        _w.WriteLine("/// <inheritdoc/>");
        _w.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Runtime}.ApigValidationError> GetValidationErrors() => {Runtime}.ApigValidator.GetErrors(this, static (value, validator) => value.CollectErrors(validator));");
        _w.BlankLine();
        _w.WriteLine("/// <summary>Records the broken rules of this value in <paramref name=\"validator\"/>.</summary>");
        _w.WriteLine("/// <param name=\"validator\">Collects the errors and their paths.</param>");
        _checkLocals.Clear();
        using (_w.Open($"internal void CollectErrors({Runtime}.ApigValidator validator)"))
        {
            walk();
        }
    }

    /// <summary>Writes the checks of one member.</summary>
    public void ValidateMember(PropertyModel property, string access, ParameterLocation? location, Dictionary<string, string> regexFields)
    {
        var member = CSharp.Literal(property.JsonName);
        var local = Unique(_checkLocals, CSharp.Local(property.Name, "Value"));
        var hasChecks = HasChecks(property.Type, property.Constraints, location);
        var isValue = property.Type.IsValueType;
        if (property.Type.Kind == TypeKind.Enum && !property.Type.Enum!.IsInteger && property.Required)
        {
            using (_w.Open($"if ({access}.IsDefault)"))
            {
                _w.WriteLine($"validator.Required({member});");
            }

            return;
        }

        if (isValue && property.Required)
        {
            if (hasChecks)
            {
                _w.WriteLine($"var {local} = {access};");
                WriteChecks(property.Type, property.Constraints, local, member, location, regexFields, property.Name, 0);
            }

            return;
        }

        if (!hasChecks && !property.Required)
        {
            return;
        }

        if (property.Required && !hasChecks)
        {
            using (_w.Open($"if ({access} is null)"))
            {
                _w.WriteLine($"validator.Required({member});");
            }

            return;
        }

        using (_w.Open($"if ({access} is {{ }} {local})"))
        {
            WriteChecks(property.Type, property.Constraints, local, member, location, regexFields, property.Name, 0);
        }

        if (property.Required)
        {
            using (_w.Open("else"))
            {
                _w.WriteLine($"validator.Required({member});");
            }
        }
    }

    /// <summary>
    /// What <c>string.Join</c> prints for the items of <paramref name="list"/>: the items themselves, or for an array of
    /// arrays each inner list in brackets (a list's own <c>ToString()</c> is its type name).
    /// </summary>
    private static string ItemTexts(TypeModel items, string list, int depth)
    {
        if (items.Kind != TypeKind.Array)
        {
            return list;
        }

        var inner = "inner" + (depth == 0 ? string.Empty : depth.ToString(CultureInfo.InvariantCulture));
        return $"global::System.Linq.Enumerable.Select({list}, static {inner} => {inner} is null ? \"\" : \"[\" + string.Join(\", \", {ItemTexts(items.Items!, inner, depth + 1)}) + \"]\")";
    }

    /// <summary><paramref name="local"/>, or with underscores added until no earlier local of its method has the name; recorded in <paramref name="taken"/>.</summary>
    internal static string Unique(HashSet<string> taken, string local)
    {
        while (!taken.Add(local))
        {
            local += "_";
        }

        return local;
    }

    /// <summary>Writes a rule across members: when one member has a value, others must be set.</summary>
    public void ValidateRule(RuleModel rule, EquatableArray<PropertyModel> properties)
    {
        var when = properties.First(p => p.Name == rule.When);
        var access = when.Required || when.Type.Kind is TypeKind.String ? when.Name : when.Name + "?";
        var condition = when.Type.Kind switch
        {
            TypeKind.Enum when when.Type.Enum!.IsInteger => access + ".Value == " + rule.EqualsValue,
            TypeKind.Enum => access + ".Value == " + CSharp.Literal(rule.EqualsValue),
            TypeKind.String => when.Name + " == " + CSharp.Literal(rule.EqualsValue),
            TypeKind.Boolean => when.Name + " == " + rule.EqualsValue,
            _ => when.Name + " == " + rule.EqualsValue,
        };
        using (_w.Open($"if ({condition})"))
        {
            foreach (var name in rule.Require)
            {
                var target = properties.First(p => p.Name == name);
                using (_w.Open($"if ({target.Name} is null)"))
                {
                    _w.WriteLine($"validator.AddError({target.JsonName:literal}, {"is required when " + when.JsonName + " is " + rule.EqualsValue:literal});");
                }
            }
        }
    }

    /// <summary>
    /// Whether <see cref="WriteChecks"/> writes anything for a value of <paramref name="type"/>: known before the checks
    /// are written, so they go straight into the file inside the block that needs them.
    /// </summary>
    internal static bool HasChecks(TypeModel type, ConstraintsModel c, ParameterLocation? location) => type.Kind switch
    {
        TypeKind.String => location is ParameterLocation.Path or ParameterLocation.Header || c.MinLength is not null || c.MaxLength is not null || c.Pattern is not null,
        TypeKind.Int32 or TypeKind.Int64 => c.Minimum is not null || c.Maximum is not null,
        TypeKind.Number or TypeKind.Schema => true,
        TypeKind.Array => c.MinItems is not null || c.MaxItems is not null || !type.Items!.IsValueType || HasChecks(type.Items!, ConstraintsModel.None, ItemLocation(location)),
        _ => false,
    };

    /// <summary>The location whose checks apply to an array's items: a query array's items are query values; path and header arrays are checked as a whole.</summary>
    private static ParameterLocation? ItemLocation(ParameterLocation? location) => location == ParameterLocation.Query ? location : null;

    /// <summary>Writes the checks of one value; writes nothing exactly when <see cref="HasChecks"/> is false.</summary>
    internal void WriteChecks(TypeModel type, ConstraintsModel c, string value, string member, ParameterLocation? location, Dictionary<string, string> regexFields, string name, int depth)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                if (location == ParameterLocation.Path)
                {
                    _w.WriteLine($"validator.CheckPathSegment({member}, {value});");
                }

                if (location == ParameterLocation.Header)
                {
                    _w.WriteLine($"validator.CheckHeaderValue({member}, {value});");
                }

                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    _w.WriteLine($"validator.CheckLength({member}, {value}, {c.MinLength ?? 0}, {(c.MaxLength is { } max ? max.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")});");
                }

                if (c.Pattern is not null)
                {
                    // Fields are per type, and two members can give one name (see _checkLocals): never share a field between two patterns.
                    var field = "s_" + CSharp.Local(name) + "Pattern";
                    while (regexFields.TryGetValue(field, out var taken) && taken != c.Pattern)
                    {
                        field += "_";
                    }

                    regexFields[field] = c.Pattern;
                    _w.WriteLine($"validator.CheckPattern({member}, {value}, {field}, {"must match the pattern " + c.Pattern:literal});");
                }

                break;
            case TypeKind.Int32:
            case TypeKind.Int64:
                if (c.Minimum is not null || c.Maximum is not null)
                {
                    _w.WriteLine($"validator.CheckRange({member}, (long){value}, {(c.Minimum is null ? "long.MinValue" : c.Minimum + "L")}, {(c.Maximum is null ? "long.MaxValue" : c.Maximum + "L")});");
                }

                break;
            case TypeKind.Number:
                _w.WriteLine($"validator.CheckRange({member}, {value}, {(c.Minimum is null ? "double.NegativeInfinity" : DoubleLiteral(c.Minimum))}, {(c.Maximum is null ? "double.PositiveInfinity" : DoubleLiteral(c.Maximum))});");
                break;
            case TypeKind.Schema:
                if (member == "null")
                {
                    _w.WriteLine($"{value}.CollectErrors(validator);");
                }
                else
                {
                    _w.WriteLine($"validator.Enter({member});");
                    _w.WriteLine($"{value}.CollectErrors(validator);");
                    _w.WriteLine("validator.Exit();");
                }

                break;
            case TypeKind.Array:
                WriteArrayChecks(type, c, value, member, location, regexFields, name, depth);
                break;
        }
    }

    /// <summary>The checks of an array member: its count, then each item (null items, and the item type's own checks).</summary>
    private void WriteArrayChecks(TypeModel type, ConstraintsModel c, string value, string member, ParameterLocation? location, Dictionary<string, string> regexFields, string name, int depth)
    {
        if (c.MinItems is not null || c.MaxItems is not null)
        {
            _w.WriteLine($"validator.CheckCount({member}, {value}.Count, {c.MinItems ?? 0}, {(c.MaxItems is { } maxItems ? maxItems.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")});");
        }

        var items = type.Items!;
        var index = depth == 0 ? "i" : "i" + depth.ToString(CultureInfo.InvariantCulture);
        var item = depth == 0 ? "item" : "item" + depth.ToString(CultureInfo.InvariantCulture);
        var itemLocation = ItemLocation(location);
        var itemHasChecks = HasChecks(items, ConstraintsModel.None, itemLocation);
        var itemNullable = !items.IsValueType;
        if (itemHasChecks || itemNullable)
        {
            if (member != "null")
            {
                _w.WriteLine($"validator.Enter({member});");
            }

            using (_w.Open($"for (var {index} = 0; {index} < {value}.Count; {index}++)"))
            {
                _w.WriteLine($"validator.EnterIndex({index});");
                if (itemNullable)
                {
                    using (_w.Open($"if ({value}[{index}] is not {{ }} {item})"))
                    {
                        _w.WriteLine("validator.AddError(null, \"must not be null\");");
                    }

                    if (itemHasChecks)
                    {
                        using (_w.Open("else"))
                        {
                            WriteChecks(items, ConstraintsModel.None, item, "null", itemLocation, regexFields, name, depth + 1);
                        }
                    }
                }
                else
                {
                    _w.WriteLine($"var {item} = {value}[{index}];");
                    WriteChecks(items, ConstraintsModel.None, item, "null", itemLocation, regexFields, name, depth + 1);
                }

                _w.WriteLine("validator.Exit();");
            }

            if (member != "null")
            {
                _w.WriteLine("validator.Exit();");
            }
        }
    }

    /// <summary>The cached pattern fields the validation uses, after a blank line; nothing when there are none.</summary>
    public void RegexFields(Dictionary<string, string> fields)
    {
        if (fields.Count == 0)
        {
            return;
        }

        _w.BlankLine();
        var names = new List<string>(fields.Keys);
        names.Sort(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            _w.WriteLine($"private static readonly global::System.Text.RegularExpressions.Regex {name} = new({fields[name]:literal}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
            _w.BlankLine();
        }
    }

    /// <summary><c>WriteJson</c>: exact wire names, unset optional members omitted.</summary>
    public void WriteMethod(IReadOnlyList<PropertyModel> properties)
    {
        _w.WriteLine("/// <summary>Writes this value as a JSON object.</summary>");
        _w.WriteLine("/// <param name=\"writer\">The writer.</param>");
        using (_w.Open($"internal void WriteJson({Json}.Utf8JsonWriter writer)"))
        {
            _w.WriteLine("writer.WriteStartObject();");
            var locals = new HashSet<string> { "writer" };
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var local = Unique(locals, CSharp.Local(property.Name));

                if (property.Required && property.Type.IsValueType)
                {
                    _w.WriteLine($"writer.WritePropertyName({property.JsonName:utf8});");
                    WriteValue(property.Type, property.Name, 0);
                    continue;
                }

                using (_w.Open($"if ({property.Name} is {{ }} {local})"))
                {
                    _w.WriteLine($"writer.WritePropertyName({property.JsonName:utf8});");
                    WriteValue(property.Type, local, 0);
                }
            }

            _w.WriteLine("writer.WriteEndObject();");
        }
    }

    private void WriteValue(TypeModel type, string value, int depth)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
            case TypeKind.DateTime:
                _w.WriteLine($"writer.WriteStringValue({value});");
                break;
            case TypeKind.Int32:
            case TypeKind.Int64:
            case TypeKind.Number:
                _w.WriteLine($"writer.WriteNumberValue({value});");
                break;
            case TypeKind.Boolean:
                _w.WriteLine($"writer.WriteBooleanValue({value});");
                break;
            case TypeKind.Schema:
            case TypeKind.Enum:
                _w.WriteLine($"{value}.WriteJson(writer);");
                break;
            case TypeKind.Array:
                var item = depth == 0 ? "item" : "item" + depth.ToString(CultureInfo.InvariantCulture);
                _w.WriteLine("writer.WriteStartArray();");
                using (_w.Open($"foreach (var {item} in {value})"))
                {
                    WriteValue(type.Items!, item, depth + 1);
                }

                _w.WriteLine("writer.WriteEndArray();");
                break;
        }
    }

    /// <summary>
    /// <c>ReadJson</c>: tolerant of unknown members and of null for optional ones; a missing mandatory member or a
    /// wrong token fails with a <c>JsonException</c> naming the JSON path.
    /// </summary>
    public void ReadMethod(string typeName, IReadOnlyList<PropertyModel> properties, string signature, string pathExpression, IReadOnlyList<string> extraInitializers)
    {
        using (_w.Open(signature))
        {
            _w.WriteLine($"{Runtime}.ApigJson.ExpectStartObject(ref reader, {pathExpression});");
            var locals = new List<string>();
            var used = new HashSet<string> { "reader", "path", "statusCode", "requestId" };
            foreach (var property in properties)
            {
                var local = Unique(used, CSharp.Local(property.Name));

                locals.Add(local);
                _w.WriteLine($"{_types.Of(property.Type)}? {local} = default;");
            }

            using (_w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)"))
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    using (_w.Open($"{(i == 0 ? "if" : "else if")} (reader.ValueTextEquals({property.JsonName:utf8}))"))
                    {
                        var pathArguments = pathExpression + ", " + CSharp.Literal(property.JsonName);
                        var enumModel = property.Type.Enum;
                        if (property.Type.Kind is TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime)
                        {
                            // Primitives: one call moves to the value and maps JSON null to null.
                            _w.WriteLine($"{locals[i]} = {Runtime}.ApigJson.Next{PrimitiveReader(property.Type.Kind).Substring("Read".Length)}(ref reader, {pathArguments});");
                        }
                        else if (enumModel is not null)
                        {
                            var wire = Unique(used, locals[i] + "Wire");

                            _w.WriteLine($"{locals[i]} = {Runtime}.ApigJson.Next{(enumModel.IsInteger ? "Int32" : "String")}(ref reader, {pathArguments}) is {{ }} {wire} ? new {enumModel.TypeName}({wire}) : ({enumModel.TypeName}?)null;");
                        }
                        else
                        {
                            _w.WriteLine("reader.Read();");
                            using (_w.Open($"if (reader.TokenType == {Json}.JsonTokenType.Null)"))
                            {
                                _w.WriteLine($"{locals[i]} = null;");
                            }

                            using (_w.Open("else"))
                            {
                                ReadValue(property.Type, locals[i], pathArguments);
                            }
                        }
                    }
                }

                if (properties.Count == 0)
                {
                    // No declared members: skip whatever the server sends.
                    _w.WriteLine("reader.Read();");
                    _w.WriteLine("reader.Skip();");
                }
                else
                {
                    using (_w.Open("else"))
                    {
                        _w.WriteLine("reader.Read();");
                        _w.WriteLine("reader.Skip();");
                    }
                }
            }

            for (var i = 0; i < properties.Count; i++)
            {
                if (properties[i].Required)
                {
                    using (_w.Open($"if ({locals[i]} is null)"))
                    {
                        _w.WriteLine($"throw {Runtime}.ApigJson.MissingMember({pathExpression}, {properties[i].JsonName:literal});");
                    }
                }
            }

            using (_w.Open($"return new {typeName}", ";"))
            {
                foreach (var initializer in extraInitializers)
                {
                    _w.WriteLine($"{initializer},");
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    var valueAccess = property.Type.IsValueType && property.Required ? locals[i] + ".Value" : locals[i];
                    _w.WriteLine($"{property.Name} = {valueAccess},");
                }
            }
        }
    }

    /// <summary>Reads a value (the reader is on its first token) into <paramref name="target"/>.</summary>
    private void ReadValue(TypeModel type, string target, string pathArguments)
    {
        var value = type.Kind == TypeKind.Array ? ReadArray(type, pathArguments, 0) : ReadExpression(type, pathArguments);
        _w.WriteLine($"{target} = {value};");
    }

    /// <summary>The expression that reads a value other than an array.</summary>
    private string ReadExpression(TypeModel type, string pathArguments) => type.Kind switch
    {
        TypeKind.Enum => "new " + type.Enum!.TypeName + "(" + Runtime + ".ApigJson." + PrimitiveReader(type.Enum.IsInteger ? TypeKind.Int32 : TypeKind.String) + "(ref reader, " + pathArguments + "))",
        TypeKind.Schema => _types.Of(type) + ".ReadJson(ref reader, " + Runtime + ".ApigJson.Path(" + pathArguments + "))",
        _ => Runtime + ".ApigJson." + PrimitiveReader(type.Kind) + "(ref reader, " + pathArguments + ")",
    };

    /// <summary>Writes the statements that read an array into a new list, and returns the list's local.</summary>
    private string ReadArray(TypeModel type, string pathArguments, int depth)
    {
        var list = depth == 0 ? "list" : "list" + depth.ToString(CultureInfo.InvariantCulture);
        var items = type.Items!;
        _w.WriteLine($"{Runtime}.ApigJson.ExpectStartArray(ref reader, {pathArguments});");
        _w.WriteLine($"var {list} = new global::System.Collections.Generic.List<{_types.Of(items)}>();");
        using (_w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndArray)"))
        {
            using (_w.Open($"if (reader.TokenType == {Json}.JsonTokenType.Null)"))
            {
                _w.WriteLine($"throw {Runtime}.ApigJson.NullItem({pathArguments}, {list}.Count);");
            }

            var item = items.Kind == TypeKind.Array
                ? ReadArray(items, Runtime + ".ApigJson.Path(" + pathArguments + ", " + list + ".Count), null", depth + 1)
                : ReadExpression(items, pathArguments + ", " + list + ".Count");
            _w.WriteLine($"{list}.Add({item});");
        }

        return list;
    }

    /// <summary>Masks secret members in the record's <c>ToString()</c>, after a blank line; nothing when no member is secret.</summary>
    public void PrintMembers(IReadOnlyList<PropertyModel> properties, IReadOnlyList<string> leadingMembers)
    {
        // The record's own ToString() already prints everything when nothing is secret.
        if (!properties.Any(p => p.Secret))
        {
            return;
        }

        _w.BlankLine();
        _w.WriteLine("/// <summary>Prints the members for <c>ToString()</c>, with secret values masked.</summary>");
        _w.WriteLine("/// <param name=\"builder\">The builder.</param>");
        _w.WriteLine("/// <returns>True when anything was printed.</returns>");
        using (_w.Open("private bool PrintMembers(global::System.Text.StringBuilder builder)"))
        {
            var first = true;
            var itemLocals = new HashSet<string>();
            foreach (var member in leadingMembers)
            {
                _w.WriteLine($"builder.Append({CSharp.Literal((first ? string.Empty : ", ") + member + " = ")}).Append({member});");
                first = false;
            }

            foreach (var property in properties)
            {
                var label = CSharp.Literal((first ? string.Empty : ", ") + property.Name + " = ");
                first = false;
                if (property.Secret)
                {
                    _w.WriteLine($"builder.Append({label}).Append({property.Name} is null ? \"\" : \"***\");");
                }
                else if (property.Type.Kind == TypeKind.Array)
                {
                    var items = Unique(itemLocals, CSharp.Local(property.Name, "Items"));
                    _w.WriteLine($"builder.Append({label});");
                    using (_w.Open($"if ({property.Name} is {{ }} {items})"))
                    {
                        _w.WriteLine($"builder.Append('[').Append(string.Join(\", \", {ItemTexts(property.Type.Items!, items, 0)})).Append(']');");
                    }
                }
                else
                {
                    _w.WriteLine($"builder.Append({label}).Append({property.Name});");
                }
            }

            _w.WriteLine($"return {(first ? "false" : "true")};");
        }
    }

    /// <summary>The <c>ApigJson</c> method that reads a primitive.</summary>
    private static string PrimitiveReader(TypeKind kind) => kind switch
    {
        TypeKind.String => "ReadString",
        TypeKind.Int32 => "ReadInt32",
        TypeKind.Int64 => "ReadInt64",
        TypeKind.Number => "ReadDouble",
        TypeKind.Boolean => "ReadBoolean",
        _ => "ReadDateTime",
    };

    private static string DoubleLiteral(string value) => value.Contains(".") || value.Contains("E") || value.Contains("e") ? value : value + ".0";
}
