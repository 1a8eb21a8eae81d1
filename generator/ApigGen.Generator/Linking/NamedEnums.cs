using ApigGen.Generator.Model;

namespace ApigGen.Generator.Linking;

/// <summary>
/// References to named enums of other files. The binder knows only its own file, so <c>schema: X</c> naming another
/// file's enum is bound as a schema reference; once the index is built, the slice of each file turns such references
/// into the enum type they name (the binder has already done so for the file's own enums).
/// </summary>
internal static class NamedEnums
{
    /// <summary>The file with every schema reference that resolves to a named enum made an enum type; the same instance when there is none.</summary>
    public static SpecFileModel Resolve(SpecFileModel file, SchemaIndexModel index)
    {
        var resolver = new Resolver(index, file.Namespace);
        var schemaList = file.Schemas;
        SchemaModel[]? schemas = null;
        for (var i = 0; i < file.Schemas.Count; i++)
        {
            var schema = file.Schemas[i];
            var properties = resolver.Properties(schema.Properties, out var changed);
            if (changed)
            {
                schemas ??= System.Linq.Enumerable.ToArray(file.Schemas);
                schemas[i] = schema with { Properties = properties };
            }
        }

        var schemasChanged = schemas is not null;
        if (schemas is not null)
        {
            schemaList = new EquatableArray<SchemaModel>(schemas);
        }

        var operation = file.Operation;
        if (operation is not null)
        {
            var response = resolver.Properties(operation.Response.Properties, out var responseChanged);
            var parameters = new ParameterModel[operation.Parameters.Count];
            var parametersChanged = false;
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = operation.Parameters[i];
                var type = resolver.Type(parameter.Property.Type);
                parametersChanged |= !ReferenceEquals(type, parameter.Property.Type);
                parameters[i] = ReferenceEquals(type, parameter.Property.Type) ? parameter : parameter with { Property = parameter.Property with { Type = type } };
            }

            if (responseChanged || parametersChanged)
            {
                operation = operation with
                {
                    Response = responseChanged ? operation.Response with { Properties = response } : operation.Response,
                    Parameters = parametersChanged ? new EquatableArray<ParameterModel>(parameters) : operation.Parameters,
                };
            }
        }

        return schemasChanged || !ReferenceEquals(operation, file.Operation) ? file with { Schemas = schemaList, Operation = operation } : file;
    }

    /// <summary>
    /// Whether the operation names a schema of the wrong kind (reported as APIG0305): a body that is a named enum, or a
    /// parameter that is still a schema reference after <see cref="Resolve"/> (an object, or nothing known).
    /// </summary>
    public static bool HasWrongKind(OperationModel operation, SchemaIndexModel index, string ns)
    {
        if (operation.Body is { } body && SchemaResolution.Resolve(index.Named(body.SchemaName), ns, static entry => entry.Namespace) is { Enum: not null })
        {
            return true;
        }

        foreach (var parameter in operation.Parameters)
        {
            var type = parameter.Property.Type.Items ?? parameter.Property.Type;
            if (type.Kind == TypeKind.Schema)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Resolver
    {
        private readonly SchemaIndexModel _index;
        private readonly string _namespace;

        public Resolver(SchemaIndexModel index, string ns)
        {
            _index = index;
            _namespace = ns;
        }

        /// <summary>The members with their types resolved; <paramref name="changed"/> tells whether any changed (the input is returned when none did).</summary>
        public EquatableArray<PropertyModel> Properties(EquatableArray<PropertyModel> properties, out bool changed)
        {
            changed = false;
            PropertyModel[]? result = null;
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var type = Type(property.Type);
                if (!ReferenceEquals(type, property.Type))
                {
                    result ??= System.Linq.Enumerable.ToArray(properties);
                    result[i] = property with { Type = type };
                    changed = true;
                }
            }

            return result is null ? properties : new EquatableArray<PropertyModel>(result);
        }

        /// <summary>The type, with a reference to a named enum made that enum; the same instance when nothing changes.</summary>
        public TypeModel Type(TypeModel type)
        {
            if (type.Items is { } items)
            {
                var resolved = Type(items);
                return ReferenceEquals(resolved, items) ? type : type with { Items = resolved };
            }

            if (type.Kind == TypeKind.Schema
                && SchemaResolution.Resolve(_index.Named(type.SchemaName!), _namespace, static entry => entry.Namespace) is { Enum: { } enumModel })
            {
                return new TypeModel(TypeKind.Enum, SchemaName: type.SchemaName, Enum: enumModel);
            }

            return type;
        }
    }
}
