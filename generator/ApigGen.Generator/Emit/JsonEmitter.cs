using System.Collections.Generic;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// A record's JSON: <c>WriteJson</c> with <c>Utf8JsonWriter</c> (exact wire names, unset optional members omitted) and
/// a reading constructor with <c>Utf8JsonReader</c> (tolerant of unknown members; a missing mandatory member or a wrong token
/// fails with a <c>JsonException</c> naming the JSON path).
/// </summary>
internal sealed class JsonEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string Runtime = "global::ApigGen";

    private readonly SourceWriter _w;
    private readonly TypeNames _types;

    public JsonEmitter(SourceWriter writer, TypeNames types)
    {
        _w = writer;
        _types = types;
    }

    /// <summary>
    /// <c>WriteJson</c>: exact wire names, unset optional members omitted. Each name is encoded once, in a static field
    /// before the method (<c>JsonName_{Member}</c>), so a write does not scan it again.
    /// </summary>
    public void WriteMethod(IReadOnlyList<PropertyModel> properties)
    {
        foreach (var property in properties)
        {
            _w.WriteLine($"private static readonly {Json}.JsonEncodedText {NameField(property)} = {Runtime}.ApigJsonWriter.Name({property.JsonName:utf8});");
        }

        // Internal, and its name says what it does: no doc comment that would only restate it.
        _w.BlankLine();
        using (_w.Open($"internal void {GeneratedNames.WriteJson}({Json}.Utf8JsonWriter writer)"))
        {
            _w.WriteLine("writer.WriteStartObject();");
            foreach (var property in properties)
            {
                _w.WriteLine(WriteMember(property) + ";");
            }

            _w.WriteLine("writer.WriteEndObject();");
        }
    }

    /// <summary>
    /// The statement that writes one member: a writer call for a mandatory value type, else one runtime call that writes
    /// nothing for null.
    /// </summary>
    private string WriteMember(PropertyModel property)
    {
        var name = NameField(property);
        var type = property.Type;
        if (property.Required && type.IsValueType && type.Kind != TypeKind.Any)
        {
            var value = type.Kind == TypeKind.Enum ? property.Name + "." + GeneratedNames.EnumValue : property.Name;
            return "writer." + WriterMethod(type) + "(" + name + ", " + value + ")";
        }

        return type.Kind switch
        {
            TypeKind.Schema => Runtime + ".ApigJsonWriter.WriteObject(writer, " + name + ", " + property.Name + ", " + ItemWriter(type) + ")",
            TypeKind.Array => Runtime + ".ApigJsonWriter.WriteList(writer, " + name + ", " + property.Name + ", " + ItemWriter(type.Items!) + ")",
            TypeKind.Enum => Runtime + ".ApigJsonWriter.WriteMember(writer, " + name + ", " + property.Name + "?." + GeneratedNames.EnumValue + ")",
            TypeKind.Map => Runtime + ".ApigJsonWriter.WriteMap(writer, " + name + ", " + property.Name + ", " + ItemWriter(type.Items!) + ")",
            TypeKind.Any when property.Required => Runtime + ".ApigJsonWriter.WriteMember(writer, " + name + ", (" + Json + ".JsonElement?)" + property.Name + ")",
            _ => Runtime + ".ApigJsonWriter.WriteMember(writer, " + name + ", " + property.Name + ")",
        };
    }

    /// <summary>The static field that holds a member's encoded JSON name.</summary>
    private static string NameField(PropertyModel property) => GeneratedNames.JsonNamePrefix + property.Name;

    /// <summary>The <c>Utf8JsonWriter</c> method that writes a member of a primitive or enum type, name and value.</summary>
    private static string WriterMethod(TypeModel type) => type.Kind switch
    {
        TypeKind.Boolean => "WriteBoolean",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number => "WriteNumber",
        TypeKind.Enum when type.Enum!.IsInteger => "WriteNumber",
        _ => "WriteString",
    };

    /// <summary>
    /// The name of the runtime's cached item reader (<c>ApigJsonLists</c>) and item writer (<c>ApigJsonWriter</c>) of a
    /// primitive kind; null for other kinds.
    /// </summary>
    private static string? PrimitiveItem(TypeKind kind) => kind switch
    {
        TypeKind.String => "StringItem",
        TypeKind.Int32 => "Int32Item",
        TypeKind.Int64 => "Int64Item",
        TypeKind.Number => "DoubleItem",
        TypeKind.Boolean => "BooleanItem",
        TypeKind.DateTime => "DateTimeItem",
        _ => null,
    };

    /// <summary>
    /// The <c>Action&lt;Utf8JsonWriter, T&gt;</c> that writes one value of <paramref name="type"/> (a list's item, or an
    /// object): a cached runtime delegate for primitives, else a static lambda (no closure per call). Its parameters
    /// shadow the method's <c>writer</c> (allowed since C# 8).
    /// </summary>
    private string ItemWriter(TypeModel type)
    {
        var primitive = PrimitiveItem(type.Kind);
        if (primitive is not null)
        {
            return Runtime + ".ApigJsonWriter." + primitive;
        }

        const string Lambda = "static (writer, value) => ";
        return type.Kind switch
        {
            TypeKind.Enum => Lambda + "writer.Write" + (type.Enum!.IsInteger ? "Number" : "String") + "Value(value." + GeneratedNames.EnumValue + ")",
            TypeKind.Array => Lambda + Runtime + ".ApigJsonWriter.WriteArray(writer, value, " + ItemWriter(type.Items!) + ")",
            TypeKind.Map => Lambda + Runtime + ".ApigJsonWriter.WriteMapValue(writer, value, " + ItemWriter(type.Items!) + ")",
            TypeKind.Any => Lambda + Runtime + ".ApigJsonElements.WriteElement(writer, value)",
            _ => Lambda + "value." + GeneratedNames.WriteJson + "(writer)",
        };
    }

    /// <summary>
    /// The names the reading constructor knows, in the order of its cases (<see cref="ReadConstructor"/>), encoded once
    /// per type; nothing when there are none.
    /// </summary>
    public void MembersField(IReadOnlyList<PropertyModel> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        var names = new string[properties.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = CSharp.Literal(properties[i].JsonName);
        }

        _w.WriteLine($"private static readonly {Runtime}.ApigJsonMembers {GeneratedNames.JsonMembers} = new({string.Join(", ", names)});");
    }

    /// <summary>
    /// The reading constructor (<c>[SetsRequiredMembers]</c>): it sets each member as it reads it, one line per member,
    /// tolerant of unknown members and of null for optional ones; a missing mandatory member or a wrong token fails
    /// with a <c>JsonException</c> naming the JSON path. A mandatory value type is read into a local first (its default
    /// would hide that it is missing). <paramref name="parameters"/> are the constructor's own parameter names.
    /// </summary>
    public void ReadConstructor(IReadOnlyList<PropertyModel> properties, string signature, IReadOnlyCollection<string> parameters, string pathExpression, IReadOnlyList<string> extraStatements)
    {
        _w.WriteLine("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
        using (_w.Open(signature))
        {
            foreach (var statement in extraStatements)
            {
                _w.WriteLine(statement + ";");
            }

            _w.WriteLine($"{Runtime}.ApigJson.ExpectStartObject(ref reader, {pathExpression});");

            // Locals (and the enums' pattern variables) never take a parameter's or a member's name.
            var used = new HashSet<string>(parameters);
            foreach (var property in properties)
            {
                used.Add(property.Name);
            }

            var targets = new List<string>();
            foreach (var property in properties)
            {
                if (property.Required && property.Type.IsValueType)
                {
                    var local = RecordEmitter.Unique(used, CSharp.Local(property.Name));
                    _w.WriteLine($"{_types.Of(property.Type)}? {local} = default;");
                    targets.Add(local);
                }
                else
                {
                    // A member named like a parameter is set through this.
                    targets.Add(Contains(parameters, property.Name) ? "this." + property.Name : property.Name);
                }
            }

            if (properties.Count == 0)
            {
                // No member declared: every one is skipped, value and all.
                using (_w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)"))
                {
                    _w.WriteLine("reader.Skip();");
                }
            }
            else
            {
                // The runtime moves to the next member the type knows (skipping the others, value and all) and gives its
                // index in JsonMembers; one case per member reads its value, JSON null as null (a mandatory reference is
                // checked after the loop, hence the !).
                var member = RecordEmitter.Unique(used, "member");
                using (_w.Open($"while ({Runtime}.ApigJson.NextMember(ref reader, {GeneratedNames.JsonMembers}, out var {member}))"))
                using (_w.Open($"switch ({member})"))
                {
                    for (var i = 0; i < properties.Count; i++)
                    {
                        var property = properties[i];
                        var value = NextExpression(property.Type, pathExpression + ", " + CSharp.Literal(property.JsonName), CSharp.Local(property.Name), used);
                        var nullForgiving = property.Required && !property.Type.IsValueType ? "!" : string.Empty;
                        _w.WriteLine($"case {i.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {targets[i]} = {value}{nullForgiving}; break;");
                    }
                }
            }

            // A mandatory member that is missing or null fails here, in member order.
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                if (!property.Required)
                {
                    continue;
                }

                var missing = $"throw {Runtime}.ApigJson.MissingMember({pathExpression}, {CSharp.Literal(property.JsonName)})";
                _w.WriteLine(property.Type.IsValueType
                    ? $"{(Contains(parameters, property.Name) ? "this." : string.Empty)}{property.Name} = {targets[i]} ?? {missing};"
                    : $"if ({targets[i]} is null) {missing};");
            }
        }
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The expression that moves from a member's name to its value and reads it, null for JSON null.</summary>
    private string NextExpression(TypeModel type, string pathArguments, string local, HashSet<string> used)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
            case TypeKind.Int32:
            case TypeKind.Int64:
            case TypeKind.Number:
            case TypeKind.Boolean:
            case TypeKind.DateTime:
                return $"{Runtime}.ApigJson.Next{PrimitiveReader(type.Kind).Substring("Read".Length)}(ref reader, {pathArguments})";
            case TypeKind.Enum:
                var enumModel = type.Enum!;
                var wire = RecordEmitter.Unique(used, local + "Wire");
                return $"{Runtime}.ApigJson.Next{(enumModel.IsInteger ? "Int32" : "String")}(ref reader, {pathArguments}) is {{ }} {wire} ? new {_types.Of(type)}({wire}) : ({_types.Of(type)}?)null";
            case TypeKind.Array:
                return $"{Runtime}.ApigJsonLists.NextList(ref reader, {pathArguments}, {ItemReader(type.Items!)})";
            case TypeKind.Map:
            case TypeKind.Any:
                return FreeValueReader(type, pathArguments);
            default:
                return $"{Runtime}.ApigJson.NextObject(ref reader, {pathArguments}, {ItemReader(type)})";
        }
    }

    /// <summary>The expression that reads a value other than an array.</summary>
    private string ReadExpression(TypeModel type, string pathArguments) => type.Kind switch
    {
        TypeKind.Enum => "new " + _types.Of(type) + "(" + Runtime + ".ApigJson." + PrimitiveReader(type.Enum!.IsInteger ? TypeKind.Int32 : TypeKind.String) + "(ref reader, " + pathArguments + "))",
        TypeKind.Schema => "new " + _types.Of(type) + "(ref reader, " + Runtime + ".ApigJson.Path(" + pathArguments + "))",
        TypeKind.Any => Runtime + ".ApigJsonElements.ReadElement(ref reader, " + pathArguments + ")",
        _ => Runtime + ".ApigJson." + PrimitiveReader(type.Kind) + "(ref reader, " + pathArguments + ")",
    };

    /// <summary>
    /// The <c>ApigJsonItemReader</c> of a list's items: a cached runtime delegate for primitives, else a static lambda
    /// (no closure per call). Its parameters shadow the method's <c>reader</c> and <c>path</c> (allowed since C# 8).
    /// </summary>
    private string ItemReader(TypeModel items)
    {
        var primitive = PrimitiveItem(items.Kind);
        if (primitive is not null)
        {
            return Runtime + ".ApigJsonLists." + primitive;
        }

        const string Lambda = "static (ref " + Json + ".Utf8JsonReader reader, string path, string? member, int index) => ";
        return items.Kind switch
        {
            TypeKind.Array => Lambda + Runtime + ".ApigJsonLists.ReadList(ref reader, " + Runtime + ".ApigJson.Path(path, member, index), null, " + ItemReader(items.Items!) + ")",
            TypeKind.Map => Lambda + Runtime + ".ApigJsonMaps.ReadMap<" + _types.Of(items.Items!) + ">(ref reader, " + Runtime + ".ApigJson.Path(path, member, index), null, " + ItemReader(items.Items!) + ")",
            TypeKind.Any => Runtime + ".ApigJsonElements.ElementItem",
            _ => Lambda + ReadExpression(items, "path, member, index"),
        };
    }

    /// <summary>
    /// The call that moves to a member's value and reads it as a map or a free-form value (JSON null: null). A map's
    /// value type is given: its dictionary must be of the declared value type (dictionaries are not covariant).
    /// </summary>
    private string FreeValueReader(TypeModel type, string pathArguments) => type.Kind == TypeKind.Any
        ? Runtime + ".ApigJsonElements.NextElement(ref reader, " + pathArguments + ")"
        : Runtime + ".ApigJsonMaps.NextMap<" + _types.Of(type.Items!) + ">(ref reader, " + pathArguments + ", " + ItemReader(type.Items!) + ")";

    /// <summary>
    /// The reading constructor of a response whose whole body is a map: the body object is read into
    /// <paramref name="body"/> (keys as sent; a null value, or a body that is not an object, fails with a
    /// <c>JsonException</c> naming the path).
    /// </summary>
    public void ReadWholeBodyConstructor(PropertyModel body, string signature, IReadOnlyList<string> extraStatements)
    {
        _w.WriteLine("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
        using (_w.Open(signature))
        {
            foreach (var statement in extraStatements)
            {
                _w.WriteLine(statement + ";");
            }

            _w.WriteLine($"{body.Name} = {Runtime}.ApigJsonMaps.ReadMap<{_types.Of(body.Type.Items!)}>(ref reader, \"$\", null, {ItemReader(body.Type.Items!)});");
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
}
