using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// Serves every operation of a <see cref="SpecCatalogue"/> from its spec: matches the method and path template
/// (literal segments win over <c>{parameters}</c>), checks the operation's credentials kind, the parameters and the
/// body (each violation a 400 <c>APIG.2012</c> naming the parameter), that a gateway in the path exists
/// (404 <c>APIG.3030</c>), then answers the documented success status with a body valid under the spec, keeping
/// state where <see cref="SpecResources"/> says a flow needs it.
/// </summary>
internal sealed class SpecEndpoints
{
    private readonly SimulatorState _state;
    private readonly SpecValidator _validator;
    private readonly SpecExamples _examples;
    private readonly SpecResources _resources;
    private readonly ILookup<(string Method, int Length), SpecOperation> _routes;

    public SpecEndpoints(SpecCatalogue catalogue, SimulatorState state)
    {
        _state = state;
        _validator = new SpecValidator(catalogue);
        _examples = new SpecExamples(catalogue);
        _resources = new SpecResources(catalogue, _examples, state);
        _routes = catalogue.Operations.ToLookup(o => (o.Method, o.Segments.Count));
    }

    /// <summary>The operation a request goes to, or null.</summary>
    public SpecOperation? Match(string method, IReadOnlyList<string> path, out Dictionary<string, string> pathValues)
    {
        pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        SpecOperation? best = null;
        foreach (var candidate in _routes[(method, path.Count)])
        {
            var fits = true;
            for (var i = 0; i < path.Count && fits; i++)
            {
                fits = candidate.IsParameterSegment(i) ? path[i].Length > 0 : candidate.Segments[i] == path[i];
            }

            if (fits && (best is null || MoreLiteral(candidate, best)))
            {
                best = candidate;
            }
        }

        if (best is not null)
        {
            for (var i = 0; i < path.Count; i++)
            {
                if (best.IsParameterSegment(i))
                {
                    pathValues[best.Segments[i][1..^1]] = path[i];
                }
            }
        }

        return best;
    }

    /// <summary>Answers a request below <c>/v2/{project_id}/apigw/</c>; <paramref name="path"/> holds its decoded segments.</summary>
    public ApiResult Handle(string method, IReadOnlyList<string> path, IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var operation = Match(method, path, out var pathValues);
        if (operation is null)
        {
            return ApiResult.ApiNotFound;
        }

        var kind = headers.ContainsKey("X-Auth-Token") ? "token" : "aksk";
        if (!operation.Auth.Contains(kind))
        {
            // Assumption: the reference does not say how APIG answers a credentials kind an operation does not take.
            return ApiResult.Error(401, "APIG.1002", "Incorrect token or token resolution failed: " + operation.Id + " does not accept " + kind);
        }

        if (_validator.Check(operation, pathValues, query, headers, body) is { } invalid)
        {
            return ApiResult.InvalidParameter(invalid);
        }

        if (pathValues.TryGetValue("instance_id", out var instanceId))
        {
            lock (_state.Sync)
            {
                if (!_state.Instances.ContainsKey(instanceId))
                {
                    return ApiResult.Error(404, "APIG.3030", "The instance does not exist;id:" + instanceId);
                }
            }
        }

        if (_resources.Handle(operation, pathValues, query, body) is { } stateful)
        {
            return stateful;
        }

        return new ApiResult(operation.SuccessStatus, operation.HasResponseBody ? Example(operation) : null);
    }

    /// <summary>The example success body: every member, a list of one item whose total and size say one.</summary>
    private JsonObject Example(SpecOperation operation)
    {
        if (operation.ResponseValues is { } values)
        {
            // A whole-body map: a couple of entries.
            return _examples.Map(values, "body");
        }

        var body = _examples.Members(operation.ResponseProperties);
        if (operation.Paging is { } paging && body[paging.Items] is JsonArray items)
        {
            body[paging.Total] = items.Count;
            if (body.ContainsKey("size"))
            {
                body["size"] = items.Count;
            }
        }

        return body;
    }

    /// <summary>True when <paramref name="a"/> has a literal segment where <paramref name="b"/> first has a parameter.</summary>
    private static bool MoreLiteral(SpecOperation a, SpecOperation b)
    {
        for (var i = 0; i < a.Segments.Count; i++)
        {
            var (pa, pb) = (a.IsParameterSegment(i), b.IsParameterSegment(i));
            if (pa != pb)
            {
                return pb;
            }
        }

        return false;
    }
}
