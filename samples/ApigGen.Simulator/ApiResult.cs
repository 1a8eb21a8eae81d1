using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ApigGen.Simulator;

/// <summary>What an endpoint answers: a status and a JSON body (an APIG error body for failures), or no body.</summary>
internal sealed record ApiResult(int Status, JsonNode? Body)
{
    /// <summary>A binary body, sent instead of <see cref="Body"/> with <see cref="ContentType"/>.</summary>
    public byte[]? Binary { get; init; }

    /// <summary>The media type of <see cref="Binary"/>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Response headers the operation's spec declares, with example values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static ApiResult NoContent { get; } = new(204, null);

    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error_code"] = code, ["error_msg"] = message });

    /// <summary>400 APIG.2012 naming the parameter, as APIG words it.</summary>
    public static ApiResult InvalidParameter(string name) =>
        Error(400, "APIG.2012", "Invalid parameter value,parameterName:" + name + ". Please refer to the support documentation");

    public static ApiResult ApiNotFound { get; } = Error(404, "APIG.0101", "The API does not exist or has not been published in the environment");

    // Assumption: the reference documents APIG.3020 for a missing URL domain only; these two codes are the simulator's.
    public static ApiResult CertificateNotFound { get; } = Error(404, "APIG.3023", "The certificate does not exist");

    public static ApiResult InstanceNotFound { get; } = Error(404, "APIG.3030", "The instance does not exist");

    public static ApiResult DomainNotFound { get; } = Error(404, "APIG.3020", "The URL domain does not exist");
}
