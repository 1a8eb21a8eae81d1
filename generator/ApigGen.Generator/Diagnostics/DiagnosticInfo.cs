using ApigGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ApigGen.Generator.Diagnostics;

/// <summary>An equatable diagnostic: descriptor id, string arguments and where. Travels beside the models, never inside them.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(DiagnosticDescriptors.Get(Id), Location.ToLocation(), arguments);
    }
}
