// Tests only: reflection over the generated types stands in for one hand-written test per operation. The generated
// code itself stays reflection-free (the trimming and AOT analyzers check it in this project).
#pragma warning disable IL2026, IL2055, IL2057, IL2060, IL2067, IL2070, IL2072, IL2075, IL2080, IL2087, IL3050
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using ApigGen.Simulator.SpecApi;
using Xunit;

namespace ApigGen.EndToEnd.Tests.Catalogue;

/// <summary>
/// Every catalogue operation through its generated client against the simulator over loopback: with a token, and
/// signed with AK/SK for one operation per family and HTTP method. Each case asserts what the simulator received
/// (method, path with values, query pairs in order, header parameters, body JSON), that the simulator's spec checks
/// accepted it (the documented success status), and that the generated reader filled every member of the answer.
/// </summary>
public sealed class CatalogueWireTests : SimulatorTest
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var operations = SpecCatalogue.Default.Operations;
        foreach (var operation in operations)
        {
            data.Add(operation.Id, "token");
        }

        foreach (var group in operations.GroupBy(o => (o.Family, o.Method)))
        {
            if (group.FirstOrDefault(o => o.Auth.Contains("aksk")) is { } signed)
            {
                data.Add(signed.Id, "aksk");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OperationGoesOverTheWireAsItsSpecSays(string operationId, string auth)
    {
        var operation = SpecCatalogue.Default.Find(operationId)!;
        var request = CatalogueRequest.Build(SpecCatalogue.Default, operation);
        var client = auth == "aksk" ? SigningClient() : TokenClient();

        var response = await Call(client, operationId, request.Request);

        var received = Assert.Single(Simulator.Requests);
        Assert.Equal(operation.Method, received.Method);
        var questionMark = received.RawTarget.IndexOf('?', StringComparison.Ordinal);
        Assert.Equal(request.ExpectedPath, questionMark < 0 ? received.RawTarget : received.RawTarget[..questionMark]);
        Assert.Equal(request.ExpectedQuery, Query(questionMark < 0 ? string.Empty : received.RawTarget[(questionMark + 1)..]));
        foreach (var (name, value) in request.ExpectedHeaders)
        {
            Assert.Equal(value, received.Header(name));
        }

        Assert.Equal(auth == "aksk", received.Header("Authorization")?.StartsWith("SDK-HMAC-SHA256 ", StringComparison.Ordinal) == true);
        if (request.ExpectedBody is null)
        {
            Assert.Empty(received.Body);
        }
        else
        {
            Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
            var actual = JsonNode.Parse(received.Body);
            Assert.True(SameJson(request.ExpectedBody, actual), $"body sent: {received.BodyText}\nexpected: {request.ExpectedBody.ToJsonString()}");
        }

        var status = (HttpStatusCode)response.GetType().GetProperty("StatusCode")!.GetValue(response)!;
        Assert.Equal(operation.SuccessStatus, (int)status);
        Assert.Equal(received.RequestId, response.GetType().GetProperty("RequestId")!.GetValue(response));
        // The certificate family answers from its state (CertificateApi), not with every member.
        if (operation.HasResponseBody && !operation.Path.Contains("/apigw/certificates", StringComparison.Ordinal))
        {
            foreach (var member in operation.ResponseProperties)
            {
                Assert.True(CatalogueRequest.Property(response.GetType(), member.Name).GetValue(response) is not null, operationId + " response member " + member.Name + " was not read");
            }

            if (operation.ResponseValues is not null)
            {
                // A whole-body map: the simulator answers two entries, key1 and key2.
                var body = (System.Collections.IEnumerable)response.GetType().GetProperty("Body")!.GetValue(response)!;
                Assert.Equal(2, body.Cast<object>().Count());
            }
        }
    }

    /// <summary>Each catalogue spec file on disk is an operation the simulator serves, the generator made a client method for, and a case covers.</summary>
    [Fact]
    public void EveryCatalogueSpecHasACoveringCase()
    {
        var root = RepositoryRoot();
        var onDisk = Directory.GetFiles(Path.Combine(root, "specs"), "*.apig.yaml", SearchOption.AllDirectories)
            .Select(f => Regex.Match(File.ReadAllText(f), @"^operation:\s*\n\s+id:\s*(\w+)", RegexOptions.Multiline))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        Assert.True(onDisk.Count >= 116, "catalogue specs found: " + onDisk.Count);
        Assert.Equal(onDisk, SpecCatalogue.Default.Operations.Select(o => o.Id).OrderBy(id => id, StringComparer.Ordinal));
        var cases = Cases().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var clientMethods = typeof(IApigClient).GetMethods().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var uncovered = onDisk.Where(id => !cases.Contains(id)).ToList();
        Assert.True(uncovered.Count == 0, "no case for " + string.Join(", ", uncovered));
        var notGenerated = onDisk.Where(id => !clientMethods.Contains(id + "Async")).ToList();
        Assert.True(notGenerated.Count == 0, "no client method for " + string.Join(", ", notGenerated));
        var families = SpecCatalogue.Default.Operations.Select(o => (o.Family, o.Method)).Distinct().ToList();
        var signed = Cases().Where(row => (string)row[1] == "aksk").Select(row => SpecCatalogue.Default.Find((string)row[0])!).Select(o => (o.Family, o.Method)).ToHashSet();
        var unsigned = families.Where(f => !signed.Contains(f)).ToList();
        Assert.True(unsigned.Count == 0, "no AK/SK case for " + string.Join(", ", unsigned));
    }

    private static async Task<object> Call(ApigClient client, string operationId, object request)
    {
        var method = typeof(ApigClient).GetMethod(operationId + "Async", BindingFlags.Public | BindingFlags.Instance)!;
        var task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
        try
        {
            await task;
        }
        catch (ApigException e)
        {
            Assert.Fail($"{operationId}: {e.Message}");
        }

        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static List<KeyValuePair<string, string>> Query(string raw) =>
        raw.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }).ToList();

    /// <summary>JSON equality where two strings that are the same instant are equal (date-times may be written with Z or +00:00).</summary>
    private static bool SameJson(JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject e when actual is JsonObject a:
                return e.Count == a.Count && e.All(p => a.ContainsKey(p.Key) && SameJson(p.Value, a[p.Key]));
            case JsonArray e when actual is JsonArray a:
                return e.Count == a.Count && e.Zip(a).All(p => SameJson(p.First, p.Second));
            case JsonValue e when actual is JsonValue a:
                if (JsonNode.DeepEquals(JsonNode.Parse(e.ToJsonString()), JsonNode.Parse(a.ToJsonString())))
                {
                    return true;
                }

                return e.GetValueKind() == JsonValueKind.String && a.GetValueKind() == JsonValueKind.String
                    && DateTimeOffset.TryParse(JsonNode.Parse(e.ToJsonString())!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var ed) && DateTimeOffset.TryParse(a.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var ad) && ed == ad;
            default:
                return false;
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "specs", "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
    }
}
