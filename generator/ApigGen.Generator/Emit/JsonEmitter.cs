using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// A record's JSON: <c>WriteJson</c> with <c>Utf8JsonWriter</c> (exact wire names, unset optional members omitted) and
/// <c>ReadJson</c> with <c>Utf8JsonReader</c> (tolerant of unknown members; a missing mandatory member or a wrong token
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

    /// <summary><c>WriteJson</c>: exact wire names, unset optional members omitted.</summary>
    public void WriteMethod(IReadOnlyList<PropertyModel> properties)
    {
        _w.WriteLine("/// <summary>Writes this value as a JSON object.</summary>");
        _w.WriteLine("/// <param name=\"writer\">The writer.</param>");
        using (_w.Open($"internal void {GeneratedNames.WriteJson}({Json}.Utf8JsonWriter writer)"))
        {
            _w.WriteLine("writer.WriteStartObject();");
            var locals = new HashSet<string> { "writer" };
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var local = RecordEmitter.Unique(locals, CSharp.Local(property.Name));

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
                _w.WriteLine($"{value}.{GeneratedNames.WriteJson}(writer);");
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
            case TypeKind.Map:
            case TypeKind.Any:
                WriteFreeValue(type, value, depth);
                break;
        }
    }

    /// <summary>Writes a map (an object whose keys are written as they are) or a free-form value (as it is).</summary>
    private void WriteFreeValue(TypeModel type, string value, int depth)
    {
        if (type.Kind == TypeKind.Any)
        {
            _w.WriteLine($"{Runtime}.ApigJsonElements.WriteElement(writer, {value});");
            return;
        }

        var entry = depth == 0 ? "item" : "item" + depth.ToString(CultureInfo.InvariantCulture);
        _w.WriteLine("writer.WriteStartObject();");
        using (_w.Open($"foreach (var {entry} in {value})"))
        {
            _w.WriteLine($"writer.WritePropertyName({entry}.Key);");
            WriteValue(type.Items!, entry + ".Value", depth + 1);
        }

        _w.WriteLine("writer.WriteEndObject();");
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
                var local = RecordEmitter.Unique(used, CSharp.Local(property.Name));

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
                            var wire = RecordEmitter.Unique(used, locals[i] + "Wire");

                            _w.WriteLine($"{locals[i]} = {Runtime}.ApigJson.Next{(enumModel.IsInteger ? "Int32" : "String")}(ref reader, {pathArguments}) is {{ }} {wire} ? new {enumModel.TypeName}({wire}) : ({enumModel.TypeName}?)null;");
                        }
                        else if (property.Type.Kind is TypeKind.Map or TypeKind.Any)
                        {
                            // Maps and free-form values: one runtime call moves to the value, maps JSON null to null and reads it.
                            _w.WriteLine($"{locals[i]} = {FreeValueReader(property.Type, pathArguments)};");
                        }
                        else if (property.Type.Kind == TypeKind.Array)
                        {
                            // Lists: one runtime call moves to the value, maps JSON null to null and reads the items.
                            _w.WriteLine($"{locals[i]} = {Runtime}.ApigJsonLists.NextList(ref reader, {pathArguments}, {ItemReader(property.Type.Items!)});");
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

    /// <summary>Reads a value other than an array (the reader is on its first token) into <paramref name="target"/>.</summary>
    private void ReadValue(TypeModel type, string target, string pathArguments) =>
        _w.WriteLine($"{target} = {ReadExpression(type, pathArguments)};");

    /// <summary>The expression that reads a value other than an array.</summary>
    private string ReadExpression(TypeModel type, string pathArguments) => type.Kind switch
    {
        TypeKind.Enum => "new " + type.Enum!.TypeName + "(" + Runtime + ".ApigJson." + PrimitiveReader(type.Enum.IsInteger ? TypeKind.Int32 : TypeKind.String) + "(ref reader, " + pathArguments + "))",
        TypeKind.Schema => _types.Of(type) + "." + GeneratedNames.ReadJson + "(ref reader, " + Runtime + ".ApigJson.Path(" + pathArguments + "))",
        TypeKind.Any => Runtime + ".ApigJsonElements.ReadElement(ref reader, " + pathArguments + ")",
        _ => Runtime + ".ApigJson." + PrimitiveReader(type.Kind) + "(ref reader, " + pathArguments + ")",
    };

    /// <summary>
    /// The <c>ApigJsonItemReader</c> of a list's items: a cached runtime delegate for primitives, else a static lambda
    /// (no closure per call). Its parameters shadow the method's <c>reader</c> and <c>path</c> (allowed since C# 8).
    /// </summary>
    private string ItemReader(TypeModel items)
    {
        var primitive = items.Kind switch
        {
            TypeKind.String => "StringItem",
            TypeKind.Int32 => "Int32Item",
            TypeKind.Int64 => "Int64Item",
            TypeKind.Number => "DoubleItem",
            TypeKind.Boolean => "BooleanItem",
            TypeKind.DateTime => "DateTimeItem",
            _ => null,
        };
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
    /// <c>ReadJson</c> of a response whose whole body is a map: the body object is read into <paramref name="body"/>
    /// (keys as sent; a null value, or a body that is not an object, fails with a <c>JsonException</c> naming the path).
    /// </summary>
    public void ReadWholeBodyMethod(string typeName, PropertyModel body, string signature, IReadOnlyList<string> extraInitializers)
    {
        using (_w.Open(signature))
        {
            using (_w.Open($"return new {typeName}", ";"))
            {
                foreach (var initializer in extraInitializers)
                {
                    _w.WriteLine($"{initializer},");
                }

                _w.WriteLine($"{body.Name} = {Runtime}.ApigJsonMaps.ReadMap<{_types.Of(body.Type.Items!)}>(ref reader, \"$\", null, {ItemReader(body.Type.Items!)}),");
            }
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
