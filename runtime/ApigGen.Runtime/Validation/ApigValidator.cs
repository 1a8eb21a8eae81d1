using System;
using System.Collections.Generic;
using System.ComponentModel;
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
    [ThreadStatic]
    private static ApigValidator? t_cached;

    private readonly List<Segment> _path = new(4);
    private List<ApigValidationError>? _errors;

    /// <summary>A validator for this thread (validating allocates nothing when the value is valid); give it back with <see cref="Return"/>.</summary>
    public static ApigValidator Rent()
    {
        var validator = t_cached ?? new ApigValidator();
        t_cached = null;
        return validator;
    }

    /// <summary>
    /// Runs the generated walk <paramref name="collect"/> over <paramref name="value"/> and throws when it records any
    /// error: the body of every generated <c>Validate()</c>.
    /// </summary>
    /// <typeparam name="T">The generated type.</typeparam>
    /// <param name="value">The value to check.</param>
    /// <param name="collect">Records the broken rules of a value (the generated <c>CollectErrors</c>).</param>
    /// <param name="typeName">The type's name, for the exception's message.</param>
    /// <exception cref="ApigValidationException">At least one rule is broken; <see cref="ApigValidationException.Errors"/> lists them all.</exception>
    public static void Validate<T>(T value, Action<T, ApigValidator> collect, string typeName)
    {
        ArgumentNullException.ThrowIfNull(collect);
        var validator = Rent();
        try
        {
            collect(value, validator);
            validator.ThrowIfInvalid(typeName);
        }
        finally
        {
            validator.Return();
        }
    }

    /// <summary>
    /// Runs the generated walk <paramref name="collect"/> over <paramref name="value"/> and returns the errors it
    /// records (empty when valid): the body of every generated <c>GetValidationErrors()</c>.
    /// </summary>
    /// <typeparam name="T">The generated type.</typeparam>
    /// <param name="value">The value to check.</param>
    /// <param name="collect">Records the broken rules of a value (the generated <c>CollectErrors</c>).</param>
    /// <returns>Every broken rule, in the order of the walk.</returns>
    public static IReadOnlyList<ApigValidationError> GetErrors<T>(T value, Action<T, ApigValidator> collect)
    {
        ArgumentNullException.ThrowIfNull(collect);
        var validator = Rent();
        try
        {
            collect(value, validator);
            return validator.ToList();
        }
        finally
        {
            validator.Return();
        }
    }

    /// <summary>Gives a rented validator back, cleared.</summary>
    public void Return()
    {
        _path.Clear();
        _errors = null;
        t_cached = this;
    }

    /// <summary>The errors recorded so far, as an array the validator no longer touches.</summary>
    public IReadOnlyList<ApigValidationError> ToList() => _errors is null ? Array.Empty<ApigValidationError>() : _errors.ToArray();

    /// <summary>True when at least one error was recorded.</summary>
    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>The errors recorded so far.</summary>
    public IReadOnlyList<ApigValidationError> Errors => (IReadOnlyList<ApigValidationError>?)_errors ?? Array.Empty<ApigValidationError>();

    /// <summary>Descends into the member <paramref name="name"/>.</summary>
    public void Enter(string name) => _path.Add(new Segment(name, -1));

    /// <summary>Descends into the array element at <paramref name="index"/>.</summary>
    public void EnterIndex(int index) => _path.Add(new Segment(null, index));

    /// <summary>Goes back up one level.</summary>
    public void Exit() => _path.RemoveAt(_path.Count - 1);

    /// <summary>Records an error on the member <paramref name="member"/> of the current object (or on the current value when null).</summary>
    public void AddError(string? member, string message)
    {
        (_errors ??= new List<ApigValidationError>()).Add(new ApigValidationError(BuildPath(member), message));
    }

    /// <summary>Records that a mandatory member is missing (null counts as missing).</summary>
    public void Required(string? member) => AddError(member, "is required");

    /// <summary>Checks a string's length in characters (Unicode code points).</summary>
    public void CheckLength(string? member, string value, int minLength, int maxLength)
    {
        var length = CountCodePoints(value);
        if (length < minLength || length > maxLength)
        {
            AddError(member, string.Create(CultureInfo.InvariantCulture, $"must be {Bounds(minLength, maxLength, "character")} long (it has {length})"));
        }
    }

    /// <summary>Checks a string against a pattern; <paramref name="description"/> says in words what the pattern means.</summary>
    public void CheckPattern(string? member, string value, Regex pattern, string description)
    {
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

    /// <summary>Checks an integer against its inclusive bounds.</summary>
    public void CheckRange(string? member, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            AddError(member, RangeMessage<long>(minimum == long.MinValue ? null : minimum, maximum == long.MaxValue ? null : maximum, value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Checks a number against its inclusive bounds.</summary>
    public void CheckRange(string? member, double value, double minimum, double maximum)
    {
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

    /// <summary>Checks a value that fills one path segment: it must not be empty, <c>.</c> or <c>..</c>.</summary>
    public void CheckPathSegment(string? member, string value)
    {
        if (value.Length == 0)
        {
            AddError(member, "must not be empty (it fills a path segment)");
        }
        else if (value is "." or "..")
        {
            AddError(member, "must not be '.' or '..' (it fills a path segment)");
        }
    }

    /// <summary>Checks a value sent as a header: no CR or LF, and printable ASCII only (the value is never echoed).</summary>
    public void CheckHeaderValue(string? member, string value)
    {
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
        foreach (var segment in _path)
        {
            Append(builder, segment);
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
