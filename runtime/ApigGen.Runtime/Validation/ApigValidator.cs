using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ApigGen;

/// <summary>
/// Collects validation errors with their JSON paths while generated code walks a request.
/// Paths are only built when an error is found, so a valid request costs no strings.
/// </summary>
/// <remarks>Infrastructure for generated code; call <c>Validate()</c> or <c>GetValidationErrors()</c> on a request instead.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigValidator
{
    /// <summary>The path to the value being checked, innermost last: a stack of <see cref="_depth"/> segments.</summary>
    private Segment[] _path = new Segment[8];
    private int _depth;
    private List<ApigValidationError>? _errors;

    /// <summary>A validator for this thread (validating allocates nothing when the value is valid); give it back with <see cref="Return"/>.</summary>
    public static ApigValidator Rent() => Take(PerThreadCache.Current);

    /// <summary>
    /// Runs <paramref name="value"/>'s walk (<see cref="IApigValidatable.CollectErrors"/>) and throws when it records any
    /// error: the body of every generated <c>Validate()</c>.
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <param name="typeName">The type's name, for the exception's message.</param>
    /// <exception cref="ApigValidationException">At least one rule is broken; <see cref="ApigValidationException.Errors"/> lists them all.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static void Validate(IApigValidatable value, string typeName)
    {
        ArgumentNullException.ThrowIfNull(value);
        Validate(value, CollectOf, typeName);
    }

    /// <summary>
    /// Runs <paramref name="value"/>'s walk (<see cref="IApigValidatable.CollectErrors"/>) and returns the errors it
    /// records (empty when valid): the body of every generated <c>GetValidationErrors()</c>.
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <returns>Every broken rule, in the order of the walk.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static IReadOnlyList<ApigValidationError> GetErrors(IApigValidatable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return GetErrors(value, CollectOf);
    }

    /// <summary>A value's own walk, as the delegate the general entry points and the list check take.</summary>
    private static readonly Action<IApigValidatable, ApigValidator> CollectOf = static (value, validator) => value.CollectErrors(validator);

    /// <summary>An item's own walk, as <see cref="CheckList{T}"/> takes it.</summary>
    private static readonly Action<ApigValidator, IApigValidatable> CollectItem = static (validator, item) => item.CollectErrors(validator);

    /// <summary>
    /// Runs the walk <paramref name="collect"/> over <paramref name="value"/> and throws when it records any error (what
    /// <see cref="Validate(IApigValidatable, string)"/> runs, for any value and walk).
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value to check.</param>
    /// <param name="collect">Records the broken rules of a value.</param>
    /// <param name="typeName">The type's name, for the exception's message.</param>
    /// <exception cref="ApigValidationException">At least one rule is broken; <see cref="ApigValidationException.Errors"/> lists them all.</exception>
    public static void Validate<T>(T value, Action<T, ApigValidator> collect, string typeName)
    {
        ArgumentNullException.ThrowIfNull(collect);

        // The walk is synchronous: the validator goes back to the cache of the thread it came from.
        var cache = PerThreadCache.Current;
        var validator = Take(cache);
        try
        {
            collect(value, validator);
            validator.ThrowIfInvalid(typeName);
        }
        finally
        {
            validator.GiveBack(cache);
        }
    }

    /// <summary>
    /// Runs the walk <paramref name="collect"/> over <paramref name="value"/> and returns the errors it records (empty when
    /// valid; what <see cref="GetErrors(IApigValidatable)"/> runs, for any value and walk).
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value to check.</param>
    /// <param name="collect">Records the broken rules of a value.</param>
    /// <returns>Every broken rule, in the order of the walk.</returns>
    public static IReadOnlyList<ApigValidationError> GetErrors<T>(T value, Action<T, ApigValidator> collect)
    {
        ArgumentNullException.ThrowIfNull(collect);

        // The walk is synchronous: the validator goes back to the cache of the thread it came from.
        var cache = PerThreadCache.Current;
        var validator = Take(cache);
        try
        {
            collect(value, validator);
            return validator.ToList();
        }
        finally
        {
            validator.GiveBack(cache);
        }
    }

    /// <summary>Gives a rented validator back, cleared.</summary>
    public void Return() => GiveBack(PerThreadCache.Current);

    private static ApigValidator Take(PerThreadCache cache)
    {
        var validator = cache.Validator ?? new ApigValidator();
        cache.Validator = null;
        return validator;
    }

    private void GiveBack(PerThreadCache cache)
    {
        // Exit clears each segment it leaves; an exception thrown by a walk may leave some behind (a map key is the caller's data).
        Array.Clear(_path, 0, _depth);
        _depth = 0;
        _errors = null;
        cache.Validator = this;
    }

    /// <summary>The errors recorded so far, as an array the validator no longer touches.</summary>
    public IReadOnlyList<ApigValidationError> ToList() => _errors is null ? Array.Empty<ApigValidationError>() : _errors.ToArray();

    /// <summary>True when at least one error was recorded.</summary>
    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>The errors recorded so far.</summary>
    public IReadOnlyList<ApigValidationError> Errors => (IReadOnlyList<ApigValidationError>?)_errors ?? Array.Empty<ApigValidationError>();

    /// <summary>Descends into the member <paramref name="name"/>.</summary>
    public void Enter(string name) => Push(new Segment(name, -1));

    /// <summary>Descends into the array element at <paramref name="index"/>.</summary>
    public void EnterIndex(int index) => Push(new Segment(null, index));

    /// <summary>Goes back up one level.</summary>
    /// <exception cref="InvalidOperationException">The path is already at its root.</exception>
    public void Exit()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Exit was called more often than Enter and EnterIndex.");
        }

        _path[--_depth] = default;
    }

    private void Push(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
    }

    /// <summary>Records an error on the member <paramref name="member"/> of the current object (or on the current value when null).</summary>
    public void AddError(string? member, string message)
    {
        (_errors ??= new List<ApigValidationError>()).Add(new ApigValidationError(BuildPath(member), message));
    }

    /// <summary>Records that a mandatory member is missing (null counts as missing).</summary>
    public void Required(string? member) => AddError(member, "is required");

    /// <summary>Records that a mandatory member is missing when <paramref name="value"/> is null.</summary>
    /// <param name="member">The member's JSON name.</param>
    /// <param name="value">The member's value.</param>
    public void Required(string? member, object? value)
    {
        if (value is null)
        {
            Required(member);
        }
    }

    /// <summary>
    /// Checks a string's length in characters (Unicode code points). The checks take the member's value as it is:
    /// null skips the check, and records "is required" when <paramref name="required"/> (pass it to the first check
    /// of a mandatory member only, so that a missing member gets one error).
    /// </summary>
    public void CheckLength(string? member, string? value, int minLength, int maxLength, bool required = false)
    {
        if (!IsPresent(member, value, required))
        {
            return;
        }

        var length = CountCodePoints(value);
        if (length < minLength || length > maxLength)
        {
            AddError(member, string.Create(CultureInfo.InvariantCulture, $"must be {Bounds(minLength, maxLength, "character")} long (it has {length})"));
        }
    }

    /// <summary>Checks a string against a pattern; <paramref name="description"/> says in words what the pattern means (null: see <see cref="CheckLength"/>).</summary>
    public void CheckPattern(string? member, string? value, Regex pattern, string description, bool required = false)
    {
        if (!IsPresent(member, value, required))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(pattern);
        bool matches;
        try
        {
            matches = pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            AddError(member, description);
        }
    }

    /// <summary>Checks an integer against its inclusive bounds; nothing when <paramref name="value"/> is null.</summary>
    public void CheckRange(string? member, long? value, long minimum, long maximum)
    {
        if (value is null)
        {
            return;
        }

        if (value < minimum || value > maximum)
        {
            AddError(member, RangeMessage<long>(minimum == long.MinValue ? null : minimum, maximum == long.MaxValue ? null : maximum, value.Value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Checks a number against its inclusive bounds (and that it is finite); nothing when <paramref name="maybe"/> is null.</summary>
    public void CheckRange(string? member, double? maybe, double minimum, double maximum)
    {
        if (maybe is not { } value)
        {
            return;
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            AddError(member, "must be a finite number");
        }
        else if (value < minimum || value > maximum)
        {
            AddError(member, RangeMessage<double>(
                double.IsNegativeInfinity(minimum) ? null : minimum,
                double.IsPositiveInfinity(maximum) ? null : maximum,
                value.ToString("R", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Checks the number of items of an array.</summary>
    public void CheckCount(string? member, int count, int minItems, int maxItems)
    {
        if (count < minItems || count > maxItems)
        {
            AddError(member, string.Create(CultureInfo.InvariantCulture, $"must have {Bounds(minItems, maxItems, "item")} (it has {count})"));
        }
    }

    /// <summary>
    /// Checks an object member: descends into <paramref name="member"/> and runs the object's own walk; nothing when
    /// <paramref name="value"/> is null, or "is required" when <paramref name="required"/>.
    /// </summary>
    /// <param name="member">The member's JSON name; null for a value checked at the current path (an array item).</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member is mandatory.</param>
    public void CheckObject(string? member, IApigValidatable? value, bool required = false)
    {
        if (!IsPresent(member, value, required))
        {
            return;
        }

        if (member is not null)
        {
            Enter(member);
        }

        value.CollectErrors(this);
        if (member is not null)
        {
            Exit();
        }
    }

    /// <summary>
    /// Checks a request's JSON body: its members are checked at the root of the path (<c>domains[0].domain</c>); a missing
    /// body is "is required" on <c>body</c> when <paramref name="required"/>.
    /// </summary>
    /// <param name="body">The body.</param>
    /// <param name="required">Whether the body is mandatory.</param>
    public void CheckBody(IApigValidatable? body, bool required = false)
    {
        if (IsPresent("body", body, required))
        {
            body.CollectErrors(this);
        }
    }

    /// <summary>
    /// Checks an array member whose items are generated objects: its number of items, then each item's own walk at its
    /// index (a null item is an error). Nothing when <paramref name="items"/> is null, or "is required" when
    /// <paramref name="required"/>.
    /// </summary>
    /// <param name="member">The member's JSON name; null for an array checked at the current path.</param>
    /// <param name="items">The member's value.</param>
    /// <param name="minItems">The least number of items (0 when unbounded).</param>
    /// <param name="maxItems">The most items (<see cref="int.MaxValue"/> when unbounded).</param>
    /// <param name="required">Whether the member is mandatory.</param>
    public void CheckObjectList(string? member, IReadOnlyList<IApigValidatable>? items, int minItems = 0, int maxItems = int.MaxValue, bool required = false) =>
        CheckList(member, items, minItems, maxItems, CollectItem, required);

    /// <summary>
    /// Checks an array member: its number of items, then each item at its index (a null item is an error; any other goes
    /// to <paramref name="checkItem"/>). Nothing when <paramref name="items"/> is null, or "is required" when
    /// <paramref name="required"/>. Items of a value type with no check of their own are not walked.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="member">The member's JSON name; null for an array checked at the current path (an item of an array of arrays).</param>
    /// <param name="items">The member's value.</param>
    /// <param name="minItems">The least number of items (0 when unbounded).</param>
    /// <param name="maxItems">The most items (<see cref="int.MaxValue"/> when unbounded).</param>
    /// <param name="checkItem">Checks one item that is not null (a static lambda), or null when items have no check of their own.</param>
    /// <param name="required">Whether the member is mandatory.</param>
    public void CheckList<T>(string? member, IReadOnlyList<T>? items, int minItems = 0, int maxItems = int.MaxValue, Action<ApigValidator, T>? checkItem = null, bool required = false)
    {
        if (!IsPresent(member, items, required))
        {
            return;
        }

        var count = items.Count;
        CheckCount(member, count, minItems, maxItems);
        if (checkItem is null)
        {
            // Items without checks of their own: only a null item is an error, and only then is the path needed.
            if (default(T) is null)
            {
                for (var i = 0; i < count; i++)
                {
                    if (items[i] is null)
                    {
                        NullAt(member, new Segment(null, i));
                    }
                }
            }

            return;
        }

        if (member is not null)
        {
            Enter(member);
        }

        for (var i = 0; i < count; i++)
        {
            EnterIndex(i);
            if (items[i] is not { } item)
            {
                AddError(null, "must not be null");
            }
            else
            {
                checkItem(this, item);
            }

            Exit();
        }

        if (member is not null)
        {
            Exit();
        }
    }

    /// <summary>Records a null item or map value at <paramref name="member"/> (unless null: the current path), then <paramref name="place"/>.</summary>
    private void NullAt(string? member, Segment place)
    {
        if (member is not null)
        {
            Enter(member);
        }

        Push(place);
        AddError(null, "must not be null");
        Exit();
        if (member is not null)
        {
            Exit();
        }
    }

    /// <summary>
    /// Checks a map: each value not null and, with <paramref name="checkValue"/>, its own checks, at the path
    /// <c>member.key</c>; null skips it (and records "is required" when <paramref name="required"/>).
    /// </summary>
    /// <typeparam name="T">The type of the map's values.</typeparam>
    /// <param name="member">The member's JSON name, or null for a value inside a list or map.</param>
    /// <param name="map">The map.</param>
    /// <param name="checkValue">The checks of one value, or null when the values have none of their own.</param>
    /// <param name="required">Whether the member is mandatory.</param>
    public void CheckMap<T>(string? member, IReadOnlyDictionary<string, T>? map, Action<ApigValidator, T>? checkValue = null, bool required = false)
    {
        if (!IsPresent(member, map, required))
        {
            return;
        }

        if (checkValue is null)
        {
            // Values without checks of their own: as for a list's items, only a null value is an error and needs the path.
            if (default(T) is null)
            {
                foreach (var entry in map)
                {
                    if (entry.Value is null)
                    {
                        NullAt(member, new Segment(entry.Key, -1));
                    }
                }
            }

            return;
        }

        if (member is not null)
        {
            Enter(member);
        }

        foreach (var entry in map)
        {
            Enter(entry.Key);
            if (entry.Value is not { } value)
            {
                AddError(null, "must not be null");
            }
            else
            {
                checkValue(this, value);
            }

            Exit();
        }

        if (member is not null)
        {
            Exit();
        }
    }

    /// <summary>
    /// Checks a free-form JSON value: a <c>default(JsonElement)</c> holds no value and cannot be sent. Null skips it
    /// (and records "is required" when <paramref name="required"/>).
    /// </summary>
    /// <param name="member">The member's JSON name, or null for a value inside a list or map.</param>
    /// <param name="value">The value.</param>
    /// <param name="required">Whether the member is mandatory.</param>
    public void CheckElement(string? member, System.Text.Json.JsonElement? value, bool required = false)
    {
        if (value is not { } element)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        if (element.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            AddError(member, "must hold a JSON value (it is default(JsonElement))");
        }
    }

    /// <summary>
    /// Bounds as a reader says them, as the generated docs do: "exactly 1 item", "at least 1 character", "at most 3 items",
    /// "4 to 50 characters". Generated code passes 0 for a missing lower bound and <see cref="int.MaxValue"/> for a missing
    /// upper one.
    /// </summary>
    private static string Bounds(int min, int max, string unit) => (min, max) switch
    {
        _ when min == max => "exactly " + Units(min, unit),
        (_, int.MaxValue) => "at least " + Units(min, unit),
        (0, _) => "at most " + Units(max, unit),
        _ => string.Create(CultureInfo.InvariantCulture, $"{min} to {max} {unit}s"),
    };

    private static string Units(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");

    /// <summary>Checks a value that fills one path segment: it must not be empty, <c>.</c> or <c>..</c> (null: see <see cref="CheckLength"/>).</summary>
    public void CheckPathSegment(string? member, string? value, bool required = false)
    {
        if (!IsPresent(member, value, required))
        {
            return;
        }

        if (value.Length == 0)
        {
            AddError(member, "must not be empty (it fills a path segment)");
        }
        else if (value is "." or "..")
        {
            AddError(member, "must not be '.' or '..' (it fills a path segment)");
        }
    }

    /// <summary>Checks a value sent as a header: no CR or LF, and printable ASCII only, never echoed (null: see <see cref="CheckLength"/>).</summary>
    public void CheckHeaderValue(string? member, string? value, bool required = false)
    {
        if (!IsPresent(member, value, required))
        {
            return;
        }

        if (HeaderValues.HasLineBreak(value))
        {
            AddError(member, "must not contain a line break (CR or LF)");
            return;
        }

        foreach (var c in value)
        {
            if (c > '~' || (c < ' ' && c != '\t'))
            {
                AddError(member, "must hold only printable ASCII characters (it is sent as an HTTP header)");
                return;
            }
        }
    }

    /// <summary>Throws <see cref="ApigValidationException"/> when any error was recorded.</summary>
    /// <param name="typeName">The type that was validated, for the message.</param>
    public void ThrowIfInvalid(string typeName)
    {
        if (HasErrors)
        {
            throw new ApigValidationException(typeName, _errors!.ToArray());
        }
    }

    /// <summary>True when <paramref name="value"/> is set; else records "is required" when <paramref name="required"/>.</summary>
    private bool IsPresent<T>(string? member, [NotNullWhen(true)] T? value, bool required)
        where T : class
    {
        if (value is not null)
        {
            return true;
        }

        if (required)
        {
            Required(member);
        }

        return false;
    }

    private static string RangeMessage<T>(T? minimum, T? maximum, string actual)
        where T : struct, IFormattable
    {
        var min = minimum?.ToString(null, CultureInfo.InvariantCulture);
        var max = maximum?.ToString(null, CultureInfo.InvariantCulture);
        return (min, max) switch
        {
            (not null, not null) => $"must be between {min} and {max} (it is {actual})",
            (not null, null) => $"must be at least {min} (it is {actual})",
            _ => $"must be at most {max} (it is {actual})",
        };
    }

    private static int CountCodePoints(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private string BuildPath(string? member)
    {
        var builder = new StringBuilder(32);
        for (var i = 0; i < _depth; i++)
        {
            Append(builder, _path[i]);
        }

        if (member is not null)
        {
            Append(builder, new Segment(member, -1));
        }

        return builder.Length == 0 ? "$" : builder.ToString();
    }

    private static void Append(StringBuilder builder, Segment segment)
    {
        if (segment.Name is null)
        {
            builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(segment.Name);
        }
    }

    private readonly record struct Segment(string? Name, int Index);
}
