using System;
using System.Collections.Generic;
using System.Text;

namespace ApigGen;

/// <summary>
/// A request broke the rules of its spec; thrown before anything is sent. <see cref="Errors"/> lists every violation.
/// </summary>
public sealed class ApigValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="typeName">The request or model type that was validated.</param>
    /// <param name="errors">Every violation; at least one.</param>
    public ApigValidationException(string typeName, IReadOnlyList<ApigValidationError> errors)
        : base(FormatMessage(typeName, errors))
    {
        TypeName = typeName;
        Errors = errors;
    }

    /// <summary>The request or model type that was validated.</summary>
    public string TypeName { get; }

    /// <summary>Every violation, in the order of the spec's members.</summary>
    public IReadOnlyList<ApigValidationError> Errors { get; }

    private static string FormatMessage(string typeName, IReadOnlyList<ApigValidationError> errors)
    {
        if (errors is null || errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        var builder = new StringBuilder(64 + (errors.Count * 32));
        builder.Append(typeName).Append(" is invalid (").Append(errors.Count).Append(errors.Count == 1 ? " error); nothing was sent:" : " errors); nothing was sent:");
        foreach (var error in errors)
        {
            builder.Append("\n  ").Append(error.Path).Append(": ").Append(error.Message);
        }

        return builder.ToString();
    }
}
