using System;
using System.Net;
using System.Text;

namespace ApigGen;

/// <summary>
/// APIG answered with a status that is not a success. Carries the status, APIG's error code and message,
/// the request id to quote to Huawei Cloud support, and <c>Retry-After</c> when the server sent one.
/// </summary>
/// <remarks>
/// Filter on the code: <c>catch (ApigException e) when (e.ErrorCode == ApigErrorCodes.UrlDomainNotFound)</c>.
/// The properties keep the server's text as it was sent; <see cref="Exception.Message"/> shows it on one line (control
/// characters escaped) and cut at about 1,024 characters as shown (128 for the code and the request id), so that it
/// cannot forge or flood log lines.
/// </remarks>
public class ApigException : Exception
{
    /// <summary>The longest excerpt of a body that is not APIG's documented error JSON that is kept.</summary>
    public const int MaxBodyExcerptLength = 512;

    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="operationId">The operation that failed, for example <c>BatchAssociateDomainsV2</c>.</param>
    /// <param name="statusCode">The HTTP status the server answered with.</param>
    /// <param name="reasonPhrase">The reason phrase, for example <c>Not Found</c>; derived from the status when null.</param>
    /// <param name="errorCode">APIG's <c>error_code</c>, when the body carried one.</param>
    /// <param name="errorMessage">APIG's <c>error_msg</c>, when the body carried one.</param>
    /// <param name="requestId">The <c>X-Request-Id</c> response header.</param>
    /// <param name="retryAfter">The delay the server asked for with <c>Retry-After</c>.</param>
    /// <param name="bodyExcerpt">A bounded excerpt of the body when it was not APIG's error JSON.</param>
    /// <param name="location">The <c>Location</c> header of a redirect (3xx), which is never followed.</param>
    public ApigException(
        string operationId,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        string? errorCode,
        string? errorMessage,
        string? requestId,
        TimeSpan? retryAfter = null,
        string? bodyExcerpt = null,
        string? location = null)
        : base(FormatMessage(operationId, statusCode, reasonPhrase, errorCode, errorMessage, requestId, bodyExcerpt, location))
    {
        OperationId = operationId;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        RetryAfter = retryAfter;
        BodyExcerpt = bodyExcerpt;
        Location = location;
    }

    /// <summary>The operation that failed, for example <c>BatchAssociateDomainsV2</c>.</summary>
    public string OperationId { get; }

    /// <summary>How many attempts the call made (1 when it was not repeated; see <see cref="ApigClientOptions.Retry"/>).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>APIG's error code, for example <c>APIG.3020</c>; see <see cref="ApigErrorCodes"/>. Null when the body had none.</summary>
    public string? ErrorCode { get; }

    /// <summary>APIG's error message. Null when the body had none.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id from the <c>X-Request-Id</c> response header: quote it to Huawei Cloud support.</summary>
    public string? RequestId { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// At most <see cref="MaxBodyExcerptLength"/> characters of the response body when it was not APIG's documented
    /// error JSON (an HTML page from a proxy, an empty or truncated body); null otherwise.
    /// </summary>
    public string? BodyExcerpt { get; }

    /// <summary>
    /// The <c>Location</c> header of a redirect answer (3xx), as the server sent it; null for other answers. ApigGen never
    /// follows a redirect: the credentials and the body would go to the address the server names.
    /// </summary>
    public string? Location { get; }

    private static string FormatMessage(
        string operationId,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        string? errorCode,
        string? errorMessage,
        string? requestId,
        string? bodyExcerpt,
        string? location)
    {
        var builder = new StringBuilder(128);
        var status = (int)statusCode + " " + (string.IsNullOrWhiteSpace(reasonPhrase) ? ReasonPhrases.For(statusCode) : ServerText.ShownShort(reasonPhrase!.Trim()));
        if (errorCode is not null)
        {
            builder.Append(ServerText.ShownShort(errorCode)).Append(" (").Append(status).Append(')');
        }
        else
        {
            builder.Append("HTTP ").Append(status);
        }

        builder.Append(": ");
        if (location is not null)
        {
            builder.Append("APIG answered with a redirect to '").Append(ServerText.Shown(location, ServerText.MaxLength))
                .Append("', which was not followed (credentials and body are never sent to another address).");
            if (errorMessage is not null)
            {
                builder.Append(' ');
            }
        }

        if (errorMessage is not null)
        {
            // Escaped and bounded: a server's CR/LF must not forge lines in the caller's logs, nor its megabytes fill them.
            builder.Append(ServerText.Shown(errorMessage, ServerText.MaxLength).TrimEnd('.')).Append('.');
        }
        else if (location is null && !string.IsNullOrEmpty(bodyExcerpt))
        {
            builder.Append("the response was not APIG error JSON: \"").Append(bodyExcerpt).Append("\".");
        }
        else if (location is null)
        {
            builder.Append("the response had no body.");
        }

        builder.Append(" Operation: ").Append(operationId).Append('.');
        builder.Append(" Request id: ").Append(ServerText.ShownShort(requestId) ?? "(none)").Append('.');
        return builder.ToString();
    }
}

internal static class ReasonPhrases
{
    public static string For(HttpStatusCode status)
    {
        var name = status.ToString();
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return "Unknown Status";
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }
}
