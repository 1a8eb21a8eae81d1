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
            && (kind.ParentMember is null || Query(kind.ParentMember) is not { } parent || Text(r, kind.ParentMember) == parent)).ToList();
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
