using System;
using System.Collections.Generic;
using System.Linq;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// One spec file being bound: its path, the diagnostics reported so far and the run's cancellation; and the checks of
/// the YAML's shape (a mapping with known keys, a list, a single value) every binder uses, each reporting at the node.
/// </summary>
internal sealed class BindContext
{
    public BindContext(string path, List<DiagnosticInfo> diagnostics, System.Threading.CancellationToken cancellationToken)
    {
        Path = path;
        Diagnostics = diagnostics;
        CancellationToken = cancellationToken;
    }

    public string Path { get; }

    public List<DiagnosticInfo> Diagnostics { get; }

    public System.Threading.CancellationToken CancellationToken { get; }

    public YamlMappingNode? Mapping(YamlNode node, string context, string[]? allowedKeys)
    {
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongValueKind, node, context, "a mapping (key: value lines)");
            return null;
        }

        if (allowedKeys is not null)
        {
            foreach (var entry in map.Entries)
            {
                if (Array.IndexOf(allowedKeys, entry.Key.Value) < 0)
                {
                    var closest = Naming.Closest(entry.Key.Value, allowedKeys);
                    Report(DiagnosticDescriptors.UnknownKey, entry.Key, entry.Key.Value, context, closest is null ? "; allowed: " + string.Join(", ", allowedKeys) : "; did you mean '" + closest + "'?");
                }
            }
        }

        return map;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string context)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Report(DiagnosticDescriptors.WrongValueKind, node, context, "a list");
        return null;
    }

    public YamlScalarNode? Scalar(YamlNode node, string context)
    {
        if (node is YamlScalarNode scalar && !scalar.IsNull)
        {
            return scalar;
        }

        Report(DiagnosticDescriptors.WrongValueKind, node, context, "a single value");
        return null;
    }

    public YamlScalarNode? RequiredScalar(YamlMappingNode map, string key, string context)
    {
        if (map[key] is not { } node)
        {
            Report(DiagnosticDescriptors.MissingKey, map, context, key);
            return null;
        }

        return Scalar(node, key);
    }

    public string? OptionalString(YamlMappingNode map, string key) =>
        map[key] is { } node ? Scalar(node, key)?.Value : null;

    public bool? OptionalBool(YamlMappingNode map, string key)
    {
        if (map[key] is not { } node || Scalar(node, key) is not { } scalar)
        {
            return null;
        }

        if (BoolValue(scalar) is { } value)
        {
            return value;
        }

        Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "use true or false");
        return null;
    }

    /// <summary>The boolean a node holds (<c>true</c>, <c>True</c>, <c>false</c>, <c>False</c>); null for anything else.</summary>
    public static bool? BoolValue(YamlNode? node) => (node as YamlScalarNode)?.Value switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => null,
    };

    public bool CheckIdentifier(YamlScalarNode node, string name)
    {
        if (Naming.WhyNotIdentifier(name) is { } why)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, node, name, why);
            return false;
        }

        return true;
    }

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, YamlNode node, params string[] arguments) =>
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, SpecPositions.Locate(Path, node), arguments));

    public int CountErrors() => Diagnostics.Count(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
}
