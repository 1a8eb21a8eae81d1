using System;

namespace ApigGen;

/// <summary>One rule a request broke: where (a JSON path such as <c>domains[0].domain</c>) and what.</summary>
public sealed class ApigValidationError : IEquatable<ApigValidationError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="path">The JSON path of the offending value, for example <c>domains[0].domain</c>.</param>
    /// <param name="message">What is wrong, for example <c>is required</c>.</param>
    public ApigValidationError(string path, string message)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The JSON path of the offending value, for example <c>domains[0].domain</c>.</summary>
    public string Path { get; }

    /// <summary>What is wrong, for example <c>is required</c>.</summary>
    public string Message { get; }

    /// <summary>Returns <c>path: message</c>.</summary>
    public override string ToString() => Path + ": " + Message;

    /// <inheritdoc />
    public bool Equals(ApigValidationError? other) => other is not null && other.Path == Path && other.Message == Message;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ApigValidationError);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Message);
}
