using System.Collections.Generic;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>The schemas one file refers to, in the order first met, each once: what the cross-file rules check.</summary>
internal sealed class SchemaReferences
{
    private readonly BindContext _context;
    private readonly string _namespace;
    private readonly List<SchemaUseKey> _uses = new();

    /// <summary>What <see cref="_uses"/> holds, for a constant-time check (a large file refers to schemas many times).</summary>
    private readonly HashSet<SchemaUseKey> _recorded = new();

    /// <param name="context">The file being bound.</param>
    /// <param name="namespace">The file's namespace, which a reference's name is looked up in first.</param>
    public SchemaReferences(BindContext context, string @namespace)
    {
        _context = context;
        _namespace = @namespace;
    }

    /// <summary>A reference to a named schema: false (reported) unless the name is an identifier; recorded when it is, with what the place needs.</summary>
    public bool Record(YamlScalarNode name, SchemaUse use = SchemaUse.Any)
    {
        if (!_context.CheckIdentifier(name, name.Value))
        {
            return false;
        }

        // A schema bound twice (as itself, and as the members of a response) records each reference once.
        var key = new SchemaUseKey(name.Value, _namespace, SpecPositions.Locate(_context.Path, name), use);
        if (_recorded.Add(key))
        {
            _uses.Add(key);
        }

        return true;
    }

    public EquatableArray<SchemaUseKey> ToEquatableArray() => _uses.ToEquatableArray();
}
