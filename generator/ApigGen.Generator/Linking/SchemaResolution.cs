using System;
using System.Collections.Generic;

namespace ApigGen.Generator.Linking;

/// <summary>
/// How a reference to a schema by name resolves: to the definition in the referring file's namespace, else to the one
/// namespace that defines the name. The one rule behind the schema index (which definition a request or response
/// reaches), each file's slice (which type the emitted code names) and the cross-file rules (a name defined in several
/// other namespaces is ambiguous, APIG0304).
/// </summary>
internal static class SchemaResolution
{
    /// <summary>
    /// The candidate (all of one name) that a reference from <paramref name="fromNamespace"/> resolves to: the first in
    /// that namespace, else the first when every candidate is in one namespace; null when there is none or the name is
    /// ambiguous.
    /// </summary>
    public static T? Resolve<T>(IReadOnlyList<T> candidates, string fromNamespace, Func<T, string> namespaceOf)
        where T : class
    {
        T? only = null;
        var oneNamespace = true;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var ns = namespaceOf(candidate);
            if (ns == fromNamespace)
            {
                return candidate;
            }

            if (only is null)
            {
                only = candidate;
            }
            else if (oneNamespace && ns != namespaceOf(only))
            {
                oneNamespace = false;
            }
        }

        return oneNamespace ? only : null;
    }
}
