using System.Collections.Generic;
using System.ComponentModel;

namespace ApigGen;

/// <summary>
/// A generated request, or a schema that a request body reaches, which checks the rules of its spec (mandatory
/// members, lengths, ranges, patterns, item counts, path and header values) before anything is sent. The client
/// validates every request itself; call <see cref="Validate"/> to check a value earlier, or
/// <see cref="GetValidationErrors"/> to show every problem at once (in a form, say).
/// </summary>
public interface IApigValidatable
{
    /// <summary>Checks every rule of the spec and throws when any is broken.</summary>
    /// <exception cref="ApigValidationException">At least one rule is broken; <see cref="ApigValidationException.Errors"/> lists them all.</exception>
    void Validate();

    /// <summary>Checks every rule of the spec and returns the broken ones (empty when valid).</summary>
    /// <returns>Every broken rule with its JSON path, in the order of the members; empty when the value is valid.</returns>
    IReadOnlyList<ApigValidationError> GetValidationErrors();

    /// <summary>
    /// Records the broken rules of this value in <paramref name="validator"/>, with their paths: the walk that
    /// <see cref="Validate"/> and <see cref="GetValidationErrors"/> run, and that the walk of a value holding this one
    /// calls. Generated types implement it explicitly; call <see cref="Validate"/> or <see cref="GetValidationErrors"/> instead.
    /// </summary>
    /// <param name="validator">Where the errors go, with the path to this value.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void CollectErrors(ApigValidator validator);
}
