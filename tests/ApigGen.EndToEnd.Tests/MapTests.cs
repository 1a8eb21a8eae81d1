using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Catalogue;
using ApigGen.EndToEnd.Tests.Maps;
using ApigGen.Simulator;
using ApigGen.Simulator.SpecApi;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Maps (<c>additionalProperties</c>), free-form values (<c>type: any</c>) and a whole-body map response end to end,
/// from the test-only specs Specs/MapLabelsV2.apig.yaml and Specs/MapQuotasV2.apig.yaml, which the simulator is given:
/// the exact bytes sent, the values read back, validation paths into map values, the simulator's own checks of map
/// values, and bad answers as typed errors naming the JSON path.
/// </summary>
public sealed class MapTests : IAsyncLifetime
{
    private ApigSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        var directory = Path.Combine(CatalogueWireTests.RepositoryRoot(), "tests", "ApigGen.EndToEnd.Tests", "Specs");
        var specs = new[] { "MapLabelsV2.apig.yaml", "MapQuotasV2.apig.yaml" }.Select(f => (string.Empty, f, File.ReadAllText(Path.Combine(directory, f))));
        _simulator = await ApigSimulator.StartAsync(SpecCatalogue.Load(specs, SpecCatalogue.Default));
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private ApigClient Client(HttpClient? http = null) => new(
        new ApigClientOptions { Endpoint = _simulator.Endpoint, ProjectId = SimulatorState.DefaultProjectId, Credentials = ApigCredentials.Token(SimulatorState.DefaultToken) },
        http);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static MapLabels ValidBody() => new()
    {
        Labels = new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "web1", ["ключ"] = "x" },
        Counts = new Dictionary<string, long> { ["a"] = 0, ["b"] = 5_000_000_000 },
        Kinds = new Dictionary<string, MapLabels.KindsEnum> { ["x"] = MapLabels.KindsEnum.Hard },
        Nodes = new Dictionary<string, MapNode> { ["n1"] = new() { Name = "alpha", Weight = 2 } },
        Groups = new Dictionary<string, IReadOnlyList<string>> { ["g"] = ["r", "w"] },
        Nested = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["o"] = new Dictionary<string, int> { ["i"] = 3 } },
        Rows = [new Dictionary<string, bool> { ["on"] = true }],
        Settings = Json("{\"mode\":\"fast\",\"list\":[1,2.5,null],\"deep\":{\"a\":\"\\u00e9\"}}"),
        Extras = new Dictionary<string, JsonElement> { ["e"] = Json("[1,\"two\",null]"), ["f"] = Json("false") },
    };

    [Fact]
    public async Task MapsAndFreeFormValuesGoOverTheWireAndComeBack()
    {
        var response = await Client().UpdateMapLabelsV2Async(new UpdateMapLabelsV2Request { LabelSet = "s1", Body = ValidBody() });

        var received = Assert.Single(_simulator.Requests);
        Assert.Equal("/v2/" + SimulatorState.DefaultProjectId + "/apigw/map-labels/s1", received.RawTarget);
        Assert.Equal(
            "{\"labels\":{\"env\":\"prod\",\"tier\":\"web1\",\"ключ\":\"x\"},\"counts\":{\"a\":0,\"b\":5000000000},\"kinds\":{\"x\":\"hard\"},"
            + "\"nodes\":{\"n1\":{\"name\":\"alpha\",\"weight\":2}},\"groups\":{\"g\":[\"r\",\"w\"]},\"nested\":{\"o\":{\"i\":3}},\"rows\":[{\"on\":true}],"
            + "\"settings\":{\"mode\":\"fast\",\"list\":[1,2.5,null],\"deep\":{\"a\":\"é\"}},\"extras\":{\"e\":[1,\"two\",null],\"f\":false}}",
            received.BodyText);

        // The simulator answers every map with two entries, key1 and key2, and a free-form value with a small object.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "key1", "key2" }, response.Labels.Keys.ToArray());
        Assert.All(response.Labels.Values, v => Assert.StartsWith("labels", v, StringComparison.Ordinal));
        Assert.Equal(2, response.Counts!.Count);
        Assert.All(response.Counts.Values, v => Assert.InRange(v, 1, 8));
        Assert.Equal(MapLabels.KindsEnum.Soft.Value, response.Kinds!["key1"].Value);
        Assert.StartsWith("name", response.Nodes!["key2"].Name, StringComparison.Ordinal);
        Assert.NotEmpty(response.Groups!["key1"]);
        Assert.Equal(new[] { "key1", "key2" }, response.Nested!["key2"].Keys.ToArray());
        Assert.True(Assert.Single(response.Rows!)["key1"]);
        Assert.Equal(JsonValueKind.Object, response.Settings.ValueKind);
        Assert.Equal("settings", response.Settings.GetProperty("name").GetString());
        Assert.Equal(2, response.Settings.GetProperty("tags").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, response.Extras!["key2"].ValueKind);
    }

    [Fact]
    public async Task AWholeBodyMapIsTheResponsesBody()
    {
        var response = await Client().ListMapQuotasV2Async(new ListMapQuotasV2Request());

        Assert.Equal(new[] { "key1", "key2" }, response.Body.Keys.ToArray());
        Assert.InRange(response.Body["key1"].Used, 1, 8);
        Assert.Equal("soft", response.Body["key2"].Kind!.Value.Value);
        Assert.Equal(Assert.Single(_simulator.Requests).RequestId, response.RequestId);
    }

    [Fact]
    public async Task ValidationWalksEveryMapValueWithItsKeyInThePath()
    {
        var body = ValidBody() with
        {
            Labels = new Dictionary<string, string> { ["ok"] = "fine", ["a"] = "Too-Long-1" },
            Counts = new Dictionary<string, long> { ["neg"] = -1 },
            Nodes = new Dictionary<string, MapNode> { ["n1"] = new() { Name = "a-name-too-long", Weight = 0 }, ["n2"] = null! },
            Groups = new Dictionary<string, IReadOnlyList<string>> { ["g"] = [] },
            Nested = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["o"] = new Dictionary<string, int> { ["i"] = 10 } },
            Settings = default,
            Extras = new Dictionary<string, JsonElement> { ["e"] = default },
        };
        var request = new UpdateMapLabelsV2Request { LabelSet = "s1", Body = body };

        var exception = await Assert.ThrowsAsync<ApigValidationException>(() => Client().UpdateMapLabelsV2Async(request));

        Assert.Equal(
            new[] { "labels.a", "labels.a", "counts.neg", "nodes.n1.name", "nodes.n1.weight", "nodes.n2", "groups.g", "nested.o.i", "settings", "extras.e" },
            exception.Errors.Select(e => e.Path).ToArray());
        Assert.Equal("labels.a: must match the pattern ^[a-z0-9]+$", exception.Errors[1].ToString());
        Assert.Equal("nodes.n1.name: must be at most 10 characters long (it has 15)", exception.Errors[3].ToString());
        Assert.Equal("nodes.n2: must not be null", exception.Errors[5].ToString());
        Assert.Equal("extras.e: must hold a JSON value (it is default(JsonElement))", exception.Errors[9].ToString());
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("\"labels\":{\"k\":\"UPPER\"}", "labels.k")]
    [InlineData("\"labels\":{},\"counts\":{\"c\":-1}", "counts.c")]
    [InlineData("\"labels\":{},\"nodes\":{\"n\":{\"weight\":2}}", "nodes.n.name")]
    [InlineData("\"labels\":{},\"nested\":{\"o\":{\"i\":\"3\"}}", "nested.o.i")]
    [InlineData("\"labels\":[]", "labels")]
    public async Task TheSimulatorRejectsABadMapValueNamingIt(string members, string named)
    {
        using var http = new HttpClient { BaseAddress = _simulator.Endpoint };
        http.DefaultRequestHeaders.Add("X-Auth-Token", SimulatorState.DefaultToken);
        var content = new StringContent("{" + members + ",\"settings\":1}", Encoding.UTF8, "application/json");

        using var answer = await http.PutAsync("/v2/" + SimulatorState.DefaultProjectId + "/apigw/map-labels/s1", content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains("APIG.2012", text, StringComparison.Ordinal);
        Assert.Contains("parameterName:" + named + ".", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"labels\":{\"a\":1},\"settings\":{}}", "$.labels.a")]
    [InlineData("{\"labels\":{\"a\":null},\"settings\":{}}", "$.labels.a")]
    [InlineData("{\"labels\":[],\"settings\":{}}", "$.labels")]
    [InlineData("{\"labels\":{},\"nested\":{\"o\":{\"i\":true}},\"settings\":{}}", "$.nested.o.i")]
    [InlineData("{\"labels\":{},\"rows\":[{\"x\":true},{\"y\":1}],\"settings\":{}}", "$.rows[1].y")]
    [InlineData("{\"labels\":{}}", "member 'settings' is missing")]
    public async Task ABadMapOrFreeFormValueInAnAnswerIsATransportErrorNamingThePath(string body, string named)
    {
        using var http = new HttpClient(new Answering(body));

        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => Client(http).UpdateMapLabelsV2Async(new UpdateMapLabelsV2Request { LabelSet = "s1", Body = ValidBody() }));

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("{\"k\":{\"kind\":\"soft\"}}", "$.k")]
    [InlineData("{\"k\":null}", "$.k")]
    public async Task ABadWholeBodyMapIsATransportErrorNamingThePath(string body, string path)
    {
        using var http = new HttpClient(new Answering(body));

        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => Client(http).ListMapQuotasV2Async(new ListMapQuotasV2Request()));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers every request 200 with a fixed JSON body.</summary>
    private sealed class Answering(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
