using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>A reported diagnostic reduced to what tests assert: id, file, 1-based line and column, message.</summary>
internal sealed record Reported(string Id, string File, int Line, int Column, string Message, DiagnosticSeverity Severity)
{
    public override string ToString() => $"{File}({Line},{Column}): {Id}: {Message}";
}

internal static class Diagnose
{
    /// <summary>
    /// A valid spec of 20 lines (a POST with one path parameter and a JSON body schema <c>Body</c>) that diagnostic tests
    /// break or extend; their expected lines and columns count from it.
    /// </summary>
    public const string ValidSpec = """
        operation:
          id: AttachV2
          method: POST
          path: /v2/{project_id}/certs/{certificate_id}/attach
          parameters:
            - name: certificate_id
              in: path
              required: true
              type: string
          body:
            schema: Body
          responses:
            204:
              description: OK
        schemas:
          Body:
            properties:
              domain:
                type: string
                required: true
        """;

    /// <summary>The one diagnostic <paramref name="yaml"/> reports (fails when there are none or several).</summary>
    public static Reported Single(string yaml) => Xunit.Assert.Single(Yaml(yaml));

    public static IReadOnlyList<Reported> Run(params Spec[] specs) => Run(new GeneratorHarness(), specs);

    public static IReadOnlyList<Reported> Run(GeneratorHarness harness, params Spec[] specs)
    {
        var (result, _, _) = harness.Run(specs);
        return result.Diagnostics.Select(Reduce).ToList();
    }

    public static IReadOnlyList<Reported> Yaml(string yaml, string path = GeneratorHarness.ProjectDirectory + "x.apig.yaml") => Run(new Spec(path, yaml));

    public static Reported Reduce(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return new Reported(d.Id, System.IO.Path.GetFileName(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), d.Severity);
    }
}
