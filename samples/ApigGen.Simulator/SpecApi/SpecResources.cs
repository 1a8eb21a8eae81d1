using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApigGen.Simulator.SpecApi;

/// <summary>Ids of what every known gateway of the simulator starts with, besides its certificate and domain.</summary>
public static class SpecDefaults
{
    /// <summary>The API group every known gateway starts with (the one its default domain belongs to).</summary>
    public const string GroupId = "c77f5e81d9cb4424bf704ef2b0ac7600";

    /// <summary>The API every known gateway starts with, in <see cref="GroupId"/>.</summary>
    public const string ApiId = "5f918d104dc84480a75166ba99efff21";

    /// <summary>The ID of every gateway's built-in RELEASE environment on APIG (the reference's examples use it).</summary>
    public const string ReleaseEnvironmentId = "DEFAULT_ENVIRONMENT_RELEASE_ID";
}

/// <summary>
/// Resources whose flow needs state (create, then show, list, update and delete what was created): API groups and
/// APIs, per gateway. Each kind names its operations by id, so it works as soon as their specs are in the catalogue
/// and does nothing before. Answers are the spec's example body with the stored values laid over it, so they stay
/// valid under the spec. A gateway starts with one group and one API (<see cref="SpecDefaults"/>).
/// </summary>
internal sealed class SpecResources
{
    private const string DefaultGroupId = SpecDefaults.GroupId;
    private const string DefaultApiId = SpecDefaults.ApiId;

    private static readonly ResourceKind Groups = new("group", "CreateApiGroupV2", "ShowDetailsOfApiGroupV2", "ListApiGroupsV2", "UpdateApiGroupV2", "DeleteApiGroupV2",
        "group_id", DefaultGroupId, "APIG.3001", "API group {0} does not exist", null);

    private static readonly ResourceKind Apis = new("api", "CreateApiV2", "ShowDetailsOfApiV2", "ListApisV2", "UpdateApiV2", "DeleteApiV2",
        "api_id", DefaultApiId, "APIG.3002", "API {0} does not exist", "group_id");

    private static readonly ResourceKind[] Kinds = { Groups, Apis };

    private const string PublishOne = "CreateOrDeletePublishRecordForApiV2";
    private const string PublishMany = "BatchPublishOrOfflineApiV2";

    /// <summary>The members of a stored API that say where it is published, each a list joined by <c>|</c>.</summary>
    private static readonly string[] PublicationMembers = { "run_env_id", "run_env_name", "publish_id", "publish_time" };

    private readonly SpecCatalogue _catalogue;
    private readonly SpecExamples _examples;
    private readonly SimulatorState _state;
    private readonly Dictionary<(ResourceKind, string), List<JsonObject>> _stores = new();
    private long _ids;

    public SpecResources(SpecCatalogue catalogue, SpecExamples examples, SimulatorState state)
    {
        _catalogue = catalogue;
        _examples = examples;
        _state = state;
    }

    /// <summary>The answer of a stateful operation, or null when <paramref name="operation"/> keeps no state.</summary>
    public ApiResult? Handle(SpecOperation operation, IReadOnlyDictionary<string, string> pathValues, IReadOnlyList<KeyValuePair<string, string>> query, byte[] body)
    {
        if (operation.Id is PublishOne or PublishMany && pathValues.TryGetValue("instance_id", out var gateway))
        {
            lock (_state.Sync)
            {
                return Publish(operation, gateway, query, body);
            }
        }

        var kind = Kinds.FirstOrDefault(k => k.Operations.Contains(operation.Id));
        if (kind is null || !pathValues.TryGetValue("instance_id", out var instanceId))
        {
            return null;
        }

        lock (_state.Sync)
        {
            var store = Store(kind, instanceId);
            if (operation.Id == kind.Create)
            {
                var request = body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) as JsonObject ?? new JsonObject();
                if (kind.ParentMember is { } parent && Text(request, parent) is { } parentId && Find(Store(Groups, instanceId), parentId) is null)
                {
                    return NotFound(Groups, parentId);
                }

                var record = (JsonObject)Overlay(Example(kind), request)!;
                record["id"] = NewId();
                if (kind == Groups && record.ContainsKey("sl_domain"))
                {
                    // Assumption: the subdomain APIG assigns is the group ID under a fixed simulator domain.
                    var subdomain = Text(record, "id") + ".apic.simulator.example.com";
                    record["sl_domain"] = subdomain;
                    if (record.ContainsKey("sl_domains"))
                    {
                        record["sl_domains"] = new JsonArray(subdomain);
                    }
                }

                if (kind == Apis)
                {
                    Unpublished(record);
                    if (Text(request, "group_id") is { } groupId && Find(Store(Groups, instanceId), groupId) is { } group && Text(group, "name") is { } groupName && record.ContainsKey("group_name"))
                    {
                        record["group_name"] = groupName;
                    }
                }

                store.Add(record);
                return Answer(operation, record);
            }

            if (operation.Id == kind.List)
            {
                return List(operation, kind, store, query);
            }

            var id = pathValues.TryGetValue(kind.IdParameter, out var value) ? value : string.Empty;
            var found = Find(store, id);
            if (found is null)
            {
                return NotFound(kind, id);
            }

            if (operation.Id == kind.Delete)
            {
                store.Remove(found);
                return new ApiResult(operation.SuccessStatus, null);
            }

            if (operation.Id == kind.Update && body.Length > 0 && JsonNode.Parse(body) is JsonObject changes)
            {
                var updated = (JsonObject)Overlay(found, changes)!;
                updated["id"] = id;
                store[store.IndexOf(found)] = updated;
                found = updated;
            }

            return Answer(operation, found);
        }
    }

    private ApiResult List(SpecOperation operation, ResourceKind kind, List<JsonObject> store, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        string? Query(string name) => query.FirstOrDefault(q => q.Key == name).Value;
        var precise = (Query("precise_search") ?? string.Empty).Split(',');
        var matches = store.Where(r =>
            (Query("id") is not { } id || Text(r, "id") == id)
            && (Query("name") is not { } name || (precise.Contains("name") ? Text(r, "name") == name : (Text(r, "name") ?? string.Empty).Contains(name, StringComparison.Ordinal)))
            && (kind.ParentMember is null || Query(kind.ParentMember) is not { } parent || Text(r, kind.ParentMember) == parent)
            && (kind != Apis || Query("env_id") is not { } env || Joined(r, "run_env_id").Contains(env))).ToList();
        var paging = operation.Paging;
        var offset = paging is not null && long.TryParse(Query(paging.Offset), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? Math.Max(0, o) : 0;
        var limit = paging is not null && long.TryParse(Query(paging.Limit), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (l <= 0 ? 20 : Math.Min(l, 500)) : 20;
        var page = matches.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)limit).ToList();
        var answer = _examples.Members(operation.ResponseProperties);
        if (paging is not null && operation.ResponseProperties.FirstOrDefault(p => p.Name == paging.Items) is { } items)
        {
            var template = items.Items is null ? null : _examples.Value(items.Items, items.Name, 1);
            answer[paging.Items] = new JsonArray(page.Select(r => Overlay(template, r)).ToArray());
            answer[paging.Total] = matches.Count;
            if (answer.ContainsKey("size"))
            {
                answer["size"] = page.Count;
            }
        }

        return new ApiResult(operation.SuccessStatus, answer);
    }

    /// <summary>
    /// Publishes APIs in an environment or takes them offline (one API, or a list or a whole group in one call). An
    /// API is published at most once per environment; publishing it again there makes a new record and version.
    /// </summary>
    private ApiResult Publish(SpecOperation operation, string instanceId, IReadOnlyList<KeyValuePair<string, string>> query, byte[] body)
    {
        var request = body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) as JsonObject ?? new JsonObject();
        var store = Store(Apis, instanceId);
        var envId = Text(request, "env_id") ?? string.Empty;
        var remark = Text(request, "remark");
        if (operation.Id == PublishOne)
        {
            var apiId = Text(request, "api_id") ?? string.Empty;
            return Find(store, apiId) is { } api
                ? Answer(operation, SetPublished(api, envId, Text(request, "action") == "online", remark))
                : NotFound(Apis, apiId);
        }

        var online = query.FirstOrDefault(q => q.Key == "action").Value == "online";
        var ids = request["apis"] is JsonArray listed
            ? listed.Select(n => n is JsonValue v && v.TryGetValue<string>(out var id) ? id : string.Empty).ToList()
            : store.Where(r => Text(r, "group_id") is { } g && g == Text(request, "group_id")).Select(r => Text(r, "id") ?? string.Empty).ToList();
        var answer = _examples.Members(operation.ResponseProperties);
        var success = new JsonArray();
        var failure = new JsonArray();
        var successTemplate = ItemTemplate(operation, "success");
        var failureTemplate = ItemTemplate(operation, "failure");
        foreach (var id in ids)
        {
            if (Find(store, id) is { } api)
            {
                success.Add(Overlay(successTemplate, SetPublished(api, envId, online, remark)));
            }
            else
            {
                failure.Add(Overlay(failureTemplate, new JsonObject { ["api_id"] = id, ["api_name"] = string.Empty, ["error_code"] = Apis.NotFoundCode, ["error_msg"] = "Api " + id + " not found" }));
            }
        }

        answer["success"] = success;
        answer["failure"] = failure;
        return new ApiResult(operation.SuccessStatus, answer);
    }

    /// <summary>Publishes <paramref name="api"/> in an environment or takes it offline there; the publication record.</summary>
    private JsonObject SetPublished(JsonObject api, string envId, bool online, string? remark)
    {
        var envs = Joined(api, "run_env_id");
        var names = Joined(api, "run_env_name");
        var records = Joined(api, "publish_id");
        var times = Joined(api, "publish_time");
        var at = envs.IndexOf(envId);
        var record = new JsonObject { ["api_id"] = Text(api, "id"), ["api_name"] = Text(api, "name"), ["env_id"] = envId, ["remark"] = remark };
        if (at >= 0)
        {
            record["publish_id"] = records.ElementAtOrDefault(at);
            foreach (var list in new[] { envs, names, records, times })
            {
                if (at < list.Count)
                {
                    list.RemoveAt(at);
                }
            }
        }

        if (online)
        {
            var publishId = NewId();
            envs.Add(envId);
            names.Add(envId == SpecDefaults.ReleaseEnvironmentId ? "RELEASE" : envId);
            records.Add(publishId);
            times.Add(ExampleTime);
            record["publish_id"] = publishId;
            record["version_id"] = NewId();
        }

        api["run_env_id"] = string.Join('|', envs);
        api["run_env_name"] = string.Join('|', names);
        api["publish_id"] = string.Join('|', records);
        api["publish_time"] = string.Join('|', times);
        return record;
    }

    /// <summary>The fixed time of every example date-time, as a publication time.</summary>
    private static string ExampleTime => SpecExamples.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonNode? ItemTemplate(SpecOperation operation, string member) =>
        operation.ResponseProperties.FirstOrDefault(p => p.Name == member) is { Items: { } items } property ? _examples.Value(items, property.Name, 1) : null;

    private static void Unpublished(JsonObject api)
    {
        foreach (var member in PublicationMembers.Where(api.ContainsKey))
        {
            api[member] = string.Empty;
        }
    }

    private static List<string> Joined(JsonObject record, string member) =>
        (Text(record, member) ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();

    private ApiResult Answer(SpecOperation operation, JsonObject record) =>
        new(operation.SuccessStatus, !operation.HasResponseBody ? null
            : operation.ResponseValues is { } values ? _examples.Map(values, "body")
            : Overlay(_examples.Members(operation.ResponseProperties), record));

    private static ApiResult NotFound(ResourceKind kind, string id) =>
        ApiResult.Error(404, kind.NotFoundCode, string.Format(CultureInfo.InvariantCulture, kind.NotFoundText, id));

    private List<JsonObject> Store(ResourceKind kind, string instanceId)
    {
        if (!_stores.TryGetValue((kind, instanceId), out var store))
        {
            store = new List<JsonObject>();
            _stores[(kind, instanceId)] = store;
            if (_state.Instances.ContainsKey(instanceId))
            {
                var seed = Example(kind);
                seed["id"] = kind.DefaultId;
                if (kind.ParentMember is { } parent)
                {
                    seed[parent] = DefaultGroupId;
                }

                if (kind == Apis)
                {
                    Unpublished(seed);
                }

                store.Add(seed);
            }
        }

        return store;
    }

    /// <summary>What a stored record starts from: the show answer's example, else the create answer's.</summary>
    private JsonObject Example(ResourceKind kind)
    {
        var source = _catalogue.Find(kind.Show) is { HasResponseBody: true } show ? show : _catalogue.Find(kind.Create);
        return source is null ? new JsonObject() : _examples.Members(source.ResponseProperties);
    }

    private static JsonObject? Find(List<JsonObject> store, string id) => store.FirstOrDefault(r => Text(r, "id") == id);

    private static string? Text(JsonObject record, string name) =>
        record[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private string NewId() => System.Threading.Interlocked.Increment(ref _ids).ToString("x8", CultureInfo.InvariantCulture) + "0d1e5ca1ab1e0d1e5ca1ab1e";

    /// <summary>
    /// <paramref name="template"/> (valid under a spec) with the values of <paramref name="source"/> laid over it
    /// wherever the two have the same member and the same kind of JSON value; members the template lacks are dropped.
    /// </summary>
    internal static JsonNode? Overlay(JsonNode? template, JsonNode? source)
    {
        if (source is null)
        {
            return template?.DeepClone();
        }

        if (template is null)
        {
            return null;
        }

        switch (template)
        {
            case JsonObject t when source is JsonObject s:
                var result = new JsonObject();
                foreach (var (key, value) in t)
                {
                    result[key] = s.ContainsKey(key) ? Overlay(value, s[key]) : value?.DeepClone();
                }

                return result;
            case JsonArray t when source is JsonArray s:
                var first = t.Count > 0 ? t[0] : null;
                return first is null ? s.DeepClone() : new JsonArray(s.Select(item => Overlay(first, item)).ToArray());
            case JsonValue t when source is JsonValue s && SameKind(t, s):
                return s.DeepClone();
            default:
                return template.DeepClone();
        }
    }

    private static bool SameKind(JsonValue template, JsonValue source)
    {
        var kind = template.GetValueKind();
        var other = source.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return other is JsonValueKind.True or JsonValueKind.False;
        }

        if (kind == JsonValueKind.Number && other == JsonValueKind.Number)
        {
            // An integer member keeps an integer.
            return !template.ToJsonString().Contains('.', StringComparison.Ordinal) ? !source.ToJsonString().Contains('.', StringComparison.Ordinal) && !source.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase) : true;
        }

        return kind == other;
    }

    private sealed record ResourceKind(string Name, string Create, string Show, string List, string Update, string Delete, string IdParameter, string DefaultId,
        string NotFoundCode, string NotFoundText, string? ParentMember)
    {
        public IReadOnlyList<string> Operations { get; } = new[] { Create, Show, List, Update, Delete };
    }
}
