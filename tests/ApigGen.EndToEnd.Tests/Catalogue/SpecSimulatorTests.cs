using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ApigGen.Simulator;
using ApigGen.Simulator.SpecApi;
using Xunit;

namespace ApigGen.EndToEnd.Tests.Catalogue;

/// <summary>
/// The simulator's spec-driven endpoints on their own, over raw HTTP: each kind of violation is a 400 APIG.2012
/// naming the parameter, unknown routes and gateways are 404s, and API groups and APIs keep state from create to
/// delete. The group and API flows run on the catalogue's specs once they exist; until then on the small stand-in
/// specs below (method, path and the mandatory members from the facts file; test fixtures, not catalogue specs).
/// </summary>
public sealed class SpecSimulatorTests : IAsyncLifetime
{
    private const string Instance = "f0fa1789-3b76-433b-a787-9892951c620e";

    private static readonly (string Id, string Yaml)[] StandIns =
    {
        ("CreateApiGroupV2", Operation("CreateApiGroupV2", "POST", "api-groups", "201", body: "FlowGroupCreate", response: "FlowGroupInfo")),
        ("ShowDetailsOfApiGroupV2", Operation("ShowDetailsOfApiGroupV2", "GET", "api-groups/{group_id}", "200", response: "FlowGroupInfo", idParameter: "group_id")),
        ("ListApiGroupsV2", List("ListApiGroupsV2", "api-groups", "groups", "FlowGroupInfo")),
        ("DeleteApiGroupV2", Operation("DeleteApiGroupV2", "DELETE", "api-groups/{group_id}", "204", idParameter: "group_id")),
        ("CreateApiV2", Operation("CreateApiV2", "POST", "apis", "201", body: "FlowApiCreate", response: "FlowApiInfo")),
        ("ShowDetailsOfApiV2", Operation("ShowDetailsOfApiV2", "GET", "apis/{api_id}", "200", response: "FlowApiInfo", idParameter: "api_id")),
        ("ListApisV2", List("ListApisV2", "apis", "apis", "FlowApiInfo", "    - { name: group_id, in: query, type: string }\n")),
        ("DeleteApiV2", Operation("DeleteApiV2", "DELETE", "apis/{api_id}", "204", idParameter: "api_id")),
    };

    private const string StandInSchemas = """
        schemas:
          FlowGroupCreate:
            properties:
              name: { type: string, required: true, minLength: 3, maxLength: 64, pattern: "^[A-Za-z][A-Za-z0-9_]*$" }
              remark: { type: string, maxLength: 255 }
          FlowGroupInfo:
            properties:
              id: { type: string, required: true }
              name: { type: string, required: true }
              status: { type: integer, enum: [1, 2], enumNames: [Valid, Invalid] }
              remark: { type: string }
              register_time: { type: string, format: date-time }
          FlowApiCreate:
            properties:
              name: { type: string, required: true }
              type: { type: integer, required: true, enum: [1, 2], enumNames: [Public, Private] }
              req_protocol: { type: string, required: true, enum: [HTTP, HTTPS, BOTH, GRPCS] }
              req_method: { type: string, required: true, enum: [GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY] }
              req_uri: { type: string, required: true, maxLength: 512 }
              auth_type: { type: string, required: true, enum: [NONE, APP, IAM, AUTHORIZER] }
              backend_type: { type: string, required: true, enum: [HTTP, FUNCTION, MOCK, GRPC] }
              group_id: { type: string, required: true }
              tags: { type: array, items: { type: string }, maxItems: 10 }
          FlowApiInfo:
            properties:
              id: { type: string }
              name: { type: string, required: true }
              group_id: { type: string, required: true }
              req_uri: { type: string, required: true }
              type: { type: integer, enum: [1, 2], enumNames: [Public, Private] }
        """;

    private ApigSimulator _simulator = null!;
    private HttpClient _http = null!;

    private SpecCatalogue Catalogue => _simulator.Catalogue;

    public async Task InitializeAsync()
    {
        var missing = StandIns.Where(s => SpecCatalogue.Default.Find(s.Id) is null).Select(s => (string.Empty, "stand-in " + s.Id, s.Yaml + StandInSchemas)).ToList();
        var catalogue = missing.Count == 0 ? SpecCatalogue.Default : SpecCatalogue.Load(missing, SpecCatalogue.Default);
        _simulator = await ApigSimulator.StartAsync(catalogue);
        _http = new HttpClient { BaseAddress = _simulator.Endpoint };
        _http.DefaultRequestHeaders.Add("X-Auth-Token", SimulatorState.DefaultToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task ApiGroupsAndApisKeepStateFromCreateToDelete()
    {
        var examples = new SpecExamples(Catalogue);
        var groupBody = examples.Object(Catalogue.Schema(Catalogue.Find("CreateApiGroupV2")!.BodySchema!));
        groupBody["name"] = "shop_group";
        var created = await Send("CreateApiGroupV2", groupBody, Catalogue.Find("CreateApiGroupV2")!.SuccessStatus);
        var groupId = created!["id"]!.GetValue<string>();
        Assert.NotEqual(SpecDefaults.GroupId, groupId);

        var shown = await Send("ShowDetailsOfApiGroupV2", null, 200, ("group_id", groupId));
        Assert.Equal(("shop_group", groupId), (shown!["name"]!.GetValue<string>(), shown["id"]!.GetValue<string>()));

        var listed = await Send("ListApiGroupsV2", null, 200, query: "?name=shop");
        Assert.Equal(groupId, Assert.Single(listed!["groups"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(1, listed["total"]!.GetValue<long>());
        var all = await Send("ListApiGroupsV2", null, 200, query: "?limit=1&offset=1");
        Assert.Equal((2L, 1), (all!["total"]!.GetValue<long>(), all["groups"]!.AsArray().Count));

        var apiBody = examples.Object(Catalogue.Schema(Catalogue.Find("CreateApiV2")!.BodySchema!));
        apiBody["group_id"] = groupId;
        apiBody["name"] = "shop_api";
        var api = await Send("CreateApiV2", apiBody, Catalogue.Find("CreateApiV2")!.SuccessStatus);
        var apiId = api!["id"]!.GetValue<string>();
        Assert.Equal(groupId, api["group_id"]!.GetValue<string>());
        var apiShown = await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiId));
        Assert.Equal(("shop_api", groupId), (apiShown!["name"]!.GetValue<string>(), apiShown["group_id"]!.GetValue<string>()));
        var apis = await Send("ListApisV2", null, 200, query: "?group_id=" + groupId);
        Assert.Equal(apiId, Assert.Single(apis!["apis"]!.AsArray())!["id"]!.GetValue<string>());

        apiBody["group_id"] = "00000000000000000000000000000000";
        await SendError("CreateApiV2", apiBody, 404, "APIG.3001");

        await Send("DeleteApiV2", null, Catalogue.Find("DeleteApiV2")!.SuccessStatus, ("api_id", apiId));
        await SendError("ShowDetailsOfApiV2", null, 404, "APIG.3002", ("api_id", apiId));
        await Send("DeleteApiGroupV2", null, Catalogue.Find("DeleteApiGroupV2")!.SuccessStatus, ("group_id", groupId));
        await SendError("ShowDetailsOfApiGroupV2", null, 404, "APIG.3001", ("group_id", groupId));
        await SendError("DeleteApiGroupV2", null, 404, "APIG.3001", ("group_id", groupId));
        var left = await Send("ListApiGroupsV2", null, 200);
        Assert.Equal(SpecDefaults.GroupId, Assert.Single(left!["groups"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishingAnApiIsKeptOnItAndTakingItOfflineClearsIt()
    {
        const string Release = SpecDefaults.ReleaseEnvironmentId;
        var examples = new SpecExamples(Catalogue);
        var groupBody = examples.Object(Catalogue.Schema(Catalogue.Find("CreateApiGroupV2")!.BodySchema!));
        groupBody["name"] = "publish_group";
        var group = await Send("CreateApiGroupV2", groupBody, 201);
        var groupId = group!["id"]!.GetValue<string>();
        Assert.Equal(groupId + ".apic.simulator.example.com", Text(group, "sl_domain"));
        var apiIds = new List<string>();
        foreach (var name in new[] { "first_api", "second_api" })
        {
            var apiBody = examples.Object(Catalogue.Schema(Catalogue.Find("CreateApiV2")!.BodySchema!));
            apiBody["group_id"] = groupId;
            apiBody["name"] = name;
            var created = await Send("CreateApiV2", apiBody, 201);
            Assert.Equal(("", "publish_group"), (created!["run_env_id"]!.GetValue<string>(), created["group_name"]!.GetValue<string>()));
            apiIds.Add(created["id"]!.GetValue<string>());
        }

        var published = await Send("CreateOrDeletePublishRecordForApiV2", new JsonObject { ["action"] = "online", ["env_id"] = Release, ["api_id"] = apiIds[0], ["remark"] = "v1" }, 201);
        Assert.Equal((apiIds[0], "first_api", Release, "v1"), (Text(published, "api_id"), Text(published, "api_name"), Text(published, "env_id"), Text(published, "remark")));
        var publishId = Text(published, "publish_id");
        Assert.False(string.IsNullOrEmpty(publishId));
        Assert.False(string.IsNullOrEmpty(Text(published, "version_id")));
        var shown = await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[0]));
        Assert.Equal((Release, "RELEASE", publishId), (Text(shown, "run_env_id"), Text(shown, "run_env_name"), Text(shown, "publish_id")));
        var inRelease = await Send("ListApisV2", null, 200, query: "?group_id=" + groupId + "&env_id=" + Release);
        Assert.Equal(apiIds[0], Text(Assert.Single(inRelease!["apis"]!.AsArray()), "id"));

        // Publishing again in the same environment makes a new record; the API is still published there once.
        var again = await Send("CreateOrDeletePublishRecordForApiV2", new JsonObject { ["action"] = "online", ["env_id"] = Release, ["api_id"] = apiIds[0] }, 201);
        Assert.NotEqual(publishId, Text(again, "publish_id"));
        Assert.Equal(Release, Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[0])), "run_env_id"));

        await Send("CreateOrDeletePublishRecordForApiV2", new JsonObject { ["action"] = "offline", ["env_id"] = Release, ["api_id"] = apiIds[0] }, 201);
        Assert.Equal(("", ""), (Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[0])), "run_env_id"), Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[0])), "publish_id")));
        await SendError("CreateOrDeletePublishRecordForApiV2", new JsonObject { ["action"] = "online", ["env_id"] = Release, ["api_id"] = "00000000000000000000000000000000" }, 404, "APIG.3002");

        // A batch over a whole group, then over a list naming an API that does not exist.
        var batch = await Send("BatchPublishOrOfflineApiV2", new JsonObject { ["env_id"] = "test_env", ["group_id"] = groupId }, 200, query: "?action=online");
        Assert.Equal(apiIds, batch!["success"]!.AsArray().Select(r => Text(r, "api_id") ?? "<none>").ToList());
        Assert.Empty(batch["failure"]!.AsArray());
        Assert.Equal("test_env", Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[1])), "run_env_id"));
        var mixed = await Send("BatchPublishOrOfflineApiV2", new JsonObject { ["env_id"] = "test_env", ["apis"] = new JsonArray(apiIds[1], "00000000000000000000000000000000") }, 200, query: "?action=offline");
        Assert.Equal(apiIds[1], Text(Assert.Single(mixed!["success"]!.AsArray()), "api_id"));
        var failed = Assert.Single(mixed["failure"]!.AsArray());
        Assert.Equal(("00000000000000000000000000000000", "APIG.3002"), (Text(failed, "api_id"), Text(failed, "error_code")));
        Assert.Equal(("", "test_env"), (Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[1])), "run_env_id"), Text(await Send("ShowDetailsOfApiV2", null, 200, ("api_id", apiIds[0])), "run_env_id")));
    }

    private static string? Text(JsonNode? node, string member) => node?[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// For every operation the specs serve: a request built from its spec is answered with the documented status;
    /// then, one at a time, each constraint of each query parameter and top-level body member is broken (missing,
    /// wrong type, outside the enum, too long or short, not matching the pattern, out of range), and each is a 400
    /// APIG.2012 naming that parameter.
    /// </summary>
    [Fact]
    public async Task EveryOperationAcceptsItsSpecAndRejectsEachViolationNamingIt()
    {
        var examples = new SpecExamples(Catalogue);
        var checkedViolations = 0;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in Catalogue.Operations.Where(o => !o.Path.Contains("/apigw/certificates", StringComparison.Ordinal)))
        {
            var query = operation.Parameters.Where(p => p.In == "query").Select(p => (p, Text: QueryValue(examples, p))).ToList();
            var body = operation.BodySchema is null ? null : examples.Object(Catalogue.Schema(operation.BodySchema));
            if (body?["group_id"] is JsonValue)
            {
                body["group_id"] = SpecDefaults.GroupId;
            }

            if (body?["api_id"] is JsonValue)
            {
                body["api_id"] = SpecDefaults.ApiId;   // publishing looks the API up
            }

            foreach (var (parameter, _) in query)
            {
                foreach (var (kind, bad) in Violations(parameter, examples))
                {
                    if (bad is null && !parameter.Required)
                    {
                        continue;
                    }

                    var broken = string.Join("&", query.Where(q => q.p != parameter || bad is not null).Select(q => q.p.Name + "=" + Uri.EscapeDataString(q.p == parameter ? Plain(bad!) : q.Text)));
                    await SendError(operation, body, "?" + broken, parameter.Name, kind);
                    checkedViolations++;
                    kinds.Add("query " + kind);
                }
            }

            var validQuery = "?" + string.Join("&", query.Select(q => q.p.Name + "=" + Uri.EscapeDataString(q.Text)));
            if (body is not null)
            {
                foreach (var member in Catalogue.Schema(operation.BodySchema!).Properties)
                {
                    foreach (var (kind, bad) in Violations(member, examples))
                    {
                        if (bad is null && !member.Required)
                        {
                            continue;
                        }

                        if (operation.BodyContentType == "multipart/form-data" && kind == "type" && member.Type == "string")
                        {
                            // A form field is text: a number where a string belongs arrives as a valid string.
                            continue;
                        }

                        var broken = (JsonObject)body.DeepClone();
                        if (bad is null)
                        {
                            broken.Remove(member.Name);
                        }
                        else
                        {
                            broken[member.Name] = bad.DeepClone();
                        }

                        await SendError(operation, broken, validQuery, member.Name, kind);
                        checkedViolations++;
                        kinds.Add("body " + kind);
                    }
                }
            }

            if (operation.Method != "DELETE")
            {
                using var response = await Raw(operation, body, validQuery);
                Assert.True(operation.SuccessStatus == (int)response.StatusCode, $"{operation.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(checkedViolations > 100, "violations checked: " + checkedViolations);
        Assert.Superset(new HashSet<string> { "query type", "query range", "body missing", "body type", "body enum", "body length", "body pattern" }, kinds);
    }

    /// <summary>Ways to break a value: (kind, bad JSON value), where a null value means "leave it out".</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> Violations(SpecValue value, SpecExamples examples)
    {
        yield return ("missing", null);
        switch (value.Type)
        {
            case "string":
                if (value.In != "query")
                {
                    yield return ("type", JsonValue.Create(42));
                }

                break;
            case "integer":
            case "number":
                yield return ("type", JsonValue.Create("x"));
                break;
            case "boolean":
                yield return ("type", JsonValue.Create("maybe"));
                break;
            case "array":
                if (value.In != "query")
                {
                    yield return ("type", JsonValue.Create("x"));
                }

                break;
            case "object" when value.Values is not null:
                // A map that is not an object (MapTests checks bad values inside a map, named by their paths).
                yield return ("type", JsonValue.Create("x"));
                break;
            default:
                if (value.Schema is not null && value.In != "query")
                {
                    yield return ("type", JsonValue.Create("x"));
                }

                break;
        }

        if (value.Enum is { Count: > 0 })
        {
            yield return ("enum", value.Type == "integer" ? JsonValue.Create(987654) : JsonValue.Create("NOT_A_KNOWN_VALUE"));
        }

        if (value.Type == "string" && value.Enum is null)
        {
            if (value.MaxLength is { } max)
            {
                var tooLong = value.Pattern is null ? new string('a', max + 1) : PatternExample.Make(value.Pattern, max + 1, max + 65);
                if (tooLong is not null)
                {
                    yield return ("length", JsonValue.Create(tooLong));
                }
            }

            if (value.MinLength is > 1 and var min)
            {
                yield return ("length", JsonValue.Create(SpecExamples.String(value, value.Name)[..(min - 1)]));
            }

            if (value.Pattern is { } pattern)
            {
                var bad = new[] { "<>", " ", "\u0001", "9", "_" }.FirstOrDefault(c => !System.Text.RegularExpressions.Regex.IsMatch(c, pattern));
                if (bad is not null)
                {
                    yield return ("pattern", JsonValue.Create(bad));
                }
            }
        }

        if (value.Type is "integer" or "number" && value.Enum is null)
        {
            if (value.Minimum is { } min)
            {
                yield return ("range", JsonValue.Create(min - 1));
            }

            if (value.Maximum is { } max)
            {
                yield return ("range", JsonValue.Create(max + 1));
            }
        }
    }

    private static string QueryValue(SpecExamples examples, SpecValue parameter)
    {
        var json = examples.Value(parameter.Type == "array" && parameter.Items is not null ? parameter.Items : parameter, parameter.Name)!;
        return parameter.Name == "instance_id" ? Instance : Plain(json);
    }

    private static string Plain(JsonNode json) => json is JsonValue value && value.TryGetValue<string>(out var text) ? text : json.ToJsonString();

    [Fact]
    public async Task UnknownRoutesAndGatewaysAre404s()
    {
        using var unknownRoute = await _http.GetAsync(new Uri("/v2/" + SimulatorState.DefaultProjectId + "/apigw/instances/" + Instance + "/no-such-things", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Contains("APIG.0101", await unknownRoute.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownGateway = await _http.GetAsync(new Uri("/v2/" + SimulatorState.DefaultProjectId + "/apigw/instances/0000/vpc-channels", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownGateway.StatusCode);
        Assert.Contains("APIG.3030", await unknownGateway.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noToken = new HttpRequestMessage(HttpMethod.Get, new Uri(_simulator.Endpoint, "/v2/" + SimulatorState.DefaultProjectId + "/apigw/instances/" + Instance + "/vpc-channels"));
        noToken.Headers.Add("X-Auth-Token", "wrong");
        using var unauthorized = await new HttpClient().SendAsync(noToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    private async Task<JsonNode?> Send(string operationId, JsonNode? body, int status, (string Name, string Value)? id = null, string query = "")
    {
        using var response = await Raw(operationId, body, id, query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{operationId}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task SendError(string operationId, JsonNode? body, int status, string code, (string Name, string Value)? id = null, string query = "", string? parameter = null)
    {
        using var response = await Raw(operationId, body, id, query);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((status, code), ((int)response.StatusCode, error["error_code"]!.GetValue<string>()));
        if (parameter is not null)
        {
            Assert.Contains("parameterName:" + parameter + ".", error["error_msg"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private async Task SendError(SpecOperation operation, JsonNode? body, string query, string parameter, string kind)
    {
        using var response = await Raw(operation, body, query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400 && text.Contains("\"APIG.2012\"", StringComparison.Ordinal) && text.Contains("parameterName:" + parameter + ".", StringComparison.Ordinal),
            $"{operation.Id}: {kind} of {parameter} answered {(int)response.StatusCode} {text}");
    }

    private Task<HttpResponseMessage> Raw(string operationId, JsonNode? body, (string Name, string Value)? id, string query) =>
        Raw(Catalogue.Find(operationId) ?? throw new InvalidOperationException("no spec for " + operationId), body, query, id);

    private Task<HttpResponseMessage> Raw(SpecOperation operation, JsonNode? body, string query, (string Name, string Value)? id = null)
    {
        var path = operation.Path.Replace("{project_id}", SimulatorState.DefaultProjectId, StringComparison.Ordinal).Replace("{instance_id}", Instance, StringComparison.Ordinal);
        if (id is { } pair)
        {
            path = path.Replace("{" + pair.Name + "}", pair.Value, StringComparison.Ordinal);
        }

        path = path.Replace("{group_id}", SpecDefaults.GroupId, StringComparison.Ordinal).Replace("{api_id}", SpecDefaults.ApiId, StringComparison.Ordinal);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path" && p.Enum is { Count: > 0 }))
        {
            // An enum path parameter (response_type of the group responses) must be one of its values.
            path = path.Replace("{" + parameter.Name + "}", parameter.Enum![0], StringComparison.Ordinal);
        }

        path = System.Text.RegularExpressions.Regex.Replace(path, "{([a-z_]+)}", m => m.Groups[1].Value.Replace("_", string.Empty, StringComparison.Ordinal) + "1");

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(path + query, UriKind.Relative));
        if (body is not null && operation.BodyContentType == "multipart/form-data")
        {
            // The members as parts: file members as files (their example text as the bytes), the rest as text fields.
            var form = new MultipartFormDataContent();
            foreach (var member in Catalogue.Schema(operation.BodySchema!).Properties)
            {
                if (body is JsonObject members && members[member.Name] is { } value)
                {
                    if (member.Type == "file")
                    {
                        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Plain(value))), member.Name, member.Name + ".bin");
                    }
                    else
                    {
                        form.Add(new StringContent(Plain(value)), member.Name);
                    }
                }
            }

            request.Content = form;
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return _http.SendAsync(request);
    }

    private static string Operation(string id, string method, string path, string status, string? body = null, string? response = null, string? idParameter = null) =>
        $"""
        operation:
          id: {id}
          method: {method}
          path: /v2/{"{project_id}"}/apigw/instances/{"{instance_id}"}/{path}
          parameters:
            - {"{"} name: instance_id, in: path, type: string, required: true {"}"}
        {(idParameter is null ? string.Empty : "    - { name: " + idParameter + ", in: path, type: string, required: true }\n")}{(body is null ? string.Empty : "  body: { schema: " + body + " }\n")}  responses:
            {status}: {(response is null ? "{ description: No Content }" : "{ schema: " + response + " }")}

        """;

    private static string List(string id, string path, string items, string item, string extraParameters = "") =>
        $"""
        operation:
          id: {id}
          method: GET
          path: /v2/{"{project_id}"}/apigw/instances/{"{instance_id}"}/{path}
          paging: {"{"} offset: offset, limit: limit, items: {items}, total: total {"}"}
          parameters:
            - {"{"} name: instance_id, in: path, type: string, required: true {"}"}
            - {"{"} name: offset, in: query, type: integer, format: int64 {"}"}
            - {"{"} name: limit, in: query, type: integer, minimum: 1, maximum: 500 {"}"}
            - {"{"} name: name, in: query, type: string {"}"}
        {extraParameters}  responses:
            200:
              properties:
                size: {"{"} type: integer, required: true {"}"}
                total: {"{"} type: integer, format: int64, required: true {"}"}
                {items}: {"{"} type: array, items: {"{"} schema: {item} {"}"} {"}"}

        """;
}
