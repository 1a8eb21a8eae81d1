using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The checks one value gets, decided once from its type, constraints and parameter location. <see cref="For"/> gives
/// null when there are none, so whether a member needs a block and what goes into it come from one decision. A struct:
/// emission asks for the checks of every member of every record, and an object each would be garbage.
/// </summary>
internal readonly struct ValueChecks
{
    /// <summary>An array's item type.</summary>
    private readonly TypeModel? _items;

    /// <summary>A map's: the constraints each value must meet.</summary>
    private readonly ConstraintsModel? _valueConstraints;

    private ValueChecks(TypeKind kind, ConstraintsModel constraints, ParameterLocation? location, TypeModel? items, ConstraintsModel? valueConstraints = null)
    {
        Kind = kind;
        Constraints = constraints;
        Location = location;
        _items = items;
        _valueConstraints = valueConstraints;
    }

    /// <summary>The kind of value checked: string, integer, number, schema, array, map or free-form value.</summary>
    public TypeKind Kind { get; }

    public ConstraintsModel Constraints { get; }

    /// <summary>Where the value goes: a path segment and a header value are checked for what they may hold.</summary>
    public ParameterLocation? Location { get; }

    /// <summary>An array's: the checks of each item (by the same decision, <see cref="For"/>), or null when the items have none of their own.</summary>
    public ValueChecks? Items => _items is null ? null : For(_items, _valueConstraints ?? ConstraintsModel.None, ItemLocation(Location));

    /// <summary>An array's or a map's: whether its items (values) can be null (and are checked not to be).</summary>
    public bool ItemsNullable => _items is not null && !_items.IsValueType;

    /// <summary>An array's: whether its items are walked at all.</summary>
    public bool WalksItems => Items is not null || ItemsNullable;

    public bool ChecksPathSegment => Kind == TypeKind.String && Location == ParameterLocation.Path;

    public bool ChecksHeaderValue => Kind == TypeKind.String && Location == ParameterLocation.Header;

    public bool ChecksLength => Kind == TypeKind.String && (Constraints.MinLength is not null || Constraints.MaxLength is not null);

    public bool ChecksPattern => Kind == TypeKind.String && Constraints.Pattern is not null;

    public bool ChecksCount => Kind == TypeKind.Array && (Constraints.MinItems is not null || Constraints.MaxItems is not null);

    /// <summary>The checks of a value of <paramref name="type"/>; null when it has none.</summary>
    public static ValueChecks? For(TypeModel type, ConstraintsModel c, ParameterLocation? location)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                return location is ParameterLocation.Path or ParameterLocation.Header || c.MinLength is not null || c.MaxLength is not null || c.Pattern is not null
                    ? new ValueChecks(type.Kind, c, location, null)
                    : null;
            case TypeKind.Int32:
            case TypeKind.Int64:
                return c.Minimum is not null || c.Maximum is not null ? new ValueChecks(type.Kind, c, location, null) : null;
            case TypeKind.Number:
            case TypeKind.Schema:
                return new ValueChecks(type.Kind, c, location, null);
            case TypeKind.Array:
                var checks = new ValueChecks(type.Kind, c, location, type.Items!);
                return checks.ChecksCount || checks.WalksItems ? checks : null;
            case TypeKind.Map:
                var values = new ValueChecks(type.Kind, c, location, type.Items!, type.ValueConstraints);
                return values.WalksItems ? values : null;
            case TypeKind.Any:
                // A default(JsonElement) holds no value and cannot be written.
                return new ValueChecks(type.Kind, c, location, null);
            default:
                return null;
        }
    }

    /// <summary>The location whose checks apply to an array's items: a query array's items are query values; path and header arrays are checked as a whole.</summary>
    private static ParameterLocation? ItemLocation(ParameterLocation? location) => location == ParameterLocation.Query ? location : null;
}
