using System;
using System.IO;
using Xunit.Sdk;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>
/// Golden files: compares text with the committed <c>Baselines/{name}.verified.{ext}</c>. On a mismatch it writes
/// <c>{name}.received.{ext}</c> beside it and fails; with <c>APIGGEN_ACCEPT=1</c> it overwrites the verified file instead.
/// </summary>
internal static class Golden
{
    public const string AcceptVariable = "APIGGEN_ACCEPT";

    public static void Verify(string name, string actual, string extension = "cs")
    {
        var verified = Path.Combine(Paths.Baselines, name + ".verified." + extension);
        var received = Path.Combine(Paths.Baselines, name + ".received." + extension);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllText(verified, actual);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No golden file {verified}. Wrote {received}; review it and rerun with {AcceptVariable}=1 to accept."
            : $"{name} differs from its golden file. Wrote {received}; diff it with {verified} and rerun with {AcceptVariable}=1 to accept.\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"First difference at line {i + 1}:\n  verified: {left}\n  received: {right}";
            }
        }

        return string.Empty;
    }
}
