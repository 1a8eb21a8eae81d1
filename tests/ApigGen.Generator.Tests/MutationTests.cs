using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Inputs nobody wrote by hand: the catalogue specs and the valid fixtures mutated at random (deterministic seeds).
/// Whatever the damage, the generator never throws, never reports APIG0001, locates every diagnostic inside the file,
/// and a mutant it accepts without errors compiles without warnings.
/// </summary>
public sealed class MutationTests
{
    private const int MutantsPerSpec = 40;

    /// <summary>Mutants of each other catalogue spec: 203 specs × 40 would take many minutes; the family specs share one shape.</summary>
    private const int MutantsPerOtherCatalogueSpec = 6;
    private const string Noise = "{}[]:,&*!|>'\"#-?%@`\t";

    /// <summary>Every catalogue spec (all family folders) and the valid fixtures (which use every feature of the format).</summary>
    public static TheoryData<string> Specs() => new(Catalogue.Files
        .Concat(Directory.GetFiles(Path.Combine(Paths.Fixtures, "valid"), "*.apig.yaml"))
        .Select(path => Path.GetRelativePath(Paths.RepositoryRoot, path).Replace('\\', '/'))
        .OrderBy(n => n, StringComparer.Ordinal));

    /// <summary>Values that are valid YAML but wrong, or right in the wrong place: numbers out of range, other kinds, C# and generated names.</summary>
    private static readonly string[] TrickyValues =
    {
        "-1", "0", "99999999999999999999", "1e400", ".nan", "true", "[]", "{}", "null", "~", "\"\"", "[1, 2]", "{a: 1}",
        "class", "object", "array", "int64", "date-time", "Request", "Response", "Body", "StatusCode", "ApigClient", "_", "a b",
        "{x}", "/{", "}",
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void MutatedSpecsCostDiagnosticsNeverCrashes(string fileName)
    {
        var original = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, fileName));
        // Seeded by the path as it was before the family folders, so the certificate specs keep their mutants.
        var random = new Random((fileName.StartsWith("specs/", StringComparison.Ordinal) ? "specs/" + Path.GetFileName(fileName) : fileName).Length * 7919);
        var thorough = !fileName.StartsWith("specs/", StringComparison.Ordinal) || Catalogue.Representative.Contains(Catalogue.OperationId(fileName));
        var mutants = thorough ? MutantsPerSpec : MutantsPerOtherCatalogueSpec;
        var harness = new GeneratorHarness();
        var accepted = 0;
        for (var i = 0; i < mutants; i++)
        {
            var text = Mutate(original, random, 1 + random.Next(3));
            var (result, output, _) = harness.Run(new[] { new Spec(GeneratorHarness.ProjectDirectory + "m.apig.yaml", text) });
            var context = "mutant " + i + " of " + fileName + ":\n" + text;
            Assert.True(result.Results.Single().Exception is null, context);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "APIG0001" || d.Id.StartsWith("CS", StringComparison.Ordinal));
            foreach (var diagnostic in result.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                Assert.True(span.Start >= 0 && span.End <= text.Length, context + "\n" + diagnostic);
            }

            if (!result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                accepted++;
                var problems = GeneratorHarness.CompileProblems(output);
                Assert.True(problems.Count == 0, context + "\n" + string.Join("\n", problems));
            }
        }

        // Some mutants (inside descriptions, for instance) stay valid: the compile check above must have run.
        Assert.True(accepted > 0 || !thorough, "no mutant of " + fileName + " was accepted, so none was compiled");
    }

    private static string Mutate(string text, Random random, int count)
    {
        var lines = text.Split('\n').ToList();
        for (var i = 0; i < count; i++)
        {
            var line = random.Next(lines.Count);
            switch (random.Next(9))
            {
                case 0: // delete a line
                    lines.RemoveAt(line);
                    break;
                case 1: // duplicate a line
                    lines.Insert(line, lines[line]);
                    break;
                case 2: // re-indent a line
                    lines[line] = new string(' ', random.Next(9)) + lines[line].TrimStart();
                    break;
                case 3: // drop a character
                    if (lines[line].Length > 0)
                    {
                        lines[line] = lines[line].Remove(random.Next(lines[line].Length), 1);
                    }

                    break;
                case 4: // insert a YAML-significant character
                    lines[line] = lines[line].Insert(random.Next(lines[line].Length + 1), Noise[random.Next(Noise.Length)].ToString());
                    break;
                case 5: // swap two lines
                    var other = random.Next(lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    break;
                case 6: // replace a value with another line's value
                    var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                    var donor = lines[random.Next(lines.Count)];
                    var donorColon = donor.IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0 && donorColon > 0)
                    {
                        lines[line] = lines[line].Substring(0, colon + 2) + donor.Substring(donorColon + 2);
                    }

                    break;
                case 7: // a tricky value in place of a line's value
                    var separator = lines[line].IndexOf(": ", StringComparison.Ordinal);
                    if (separator > 0)
                    {
                        lines[line] = lines[line].Substring(0, separator + 2) + TrickyValues[random.Next(TrickyValues.Length)];
                    }

                    break;
                default: // non-ASCII and control noise
                    lines[line] = lines[line].Insert(random.Next(lines[line].Length + 1), "\u00e9\u4e2d\u0000\u202e\ud83d\ude00"[random.Next(6)].ToString());
                    break;
            }
        }

        return string.Join('\n', lines);
    }
}
