using System;

namespace ApigGen;

/// <summary>
/// A call did not get a usable answer: the connection failed or dropped, the request timed out, or a success
/// response could not be read. The message names the operation and the endpoint; <see cref="Exception.InnerException"/>
/// holds the cause.
/// </summary>
public class ApigTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationId">The operation that was called.</param>
    /// <param name="endpoint">The URL that was called, without query.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="requestId">The request id, when a response arrived.</param>
    /// <param name="innerException">The cause.</param>
    public ApigTransportException(string operationId, string endpoint, string message, string? requestId = null, Exception? innerException = null)
        : base(Format(message, operationId, endpoint, requestId), innerException)
    {
        OperationId = operationId;
        Endpoint = endpoint;
        RequestId = requestId;
    }

    /// <summary>Creates the exception for a failure that belongs to no single request, such as a page walk that had to stop.</summary>
    internal ApigTransportException(string operationId, string message, string? requestId)
        : base(Format(message, operationId, null, requestId))
    {
        OperationId = operationId;
        Endpoint = string.Empty;
        RequestId = requestId;
    }

    /// <summary>The operation that was called.</summary>
    public string OperationId { get; }

    /// <summary>How many attempts the call made (1 when it was not repeated; see <see cref="ApigClientOptions.Retry"/>).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// The kind of failure for traces and metrics (<c>error.type</c>): <c>timeout</c>, <c>connection_error</c>,
    /// <c>response_too_large</c>, <c>redirect</c>, <c>credentials</c>, …; the exception's type name when unknown.
    /// </summary>
    internal string? ErrorType { get; init; }

    /// <summary>Whether the failure may pass if the request is sent again (a connection failure, not a timeout).</summary>
    internal bool IsTransient { get; init; }

    /// <summary>The URL that was called, without query; empty when the failure belongs to no single request.</summary>
    public string Endpoint { get; }

    /// <summary>The request id, when a response arrived.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// The message: what went wrong (which may quote the server: a header line, a map key in a JSON path) and the
    /// request id, both through <see cref="ServerText"/>, then the operation and the endpoint.
    /// </summary>
    private static string Format(string message, string operationId, string? endpoint, string? requestId) =>
        ServerText.Shown(message.TrimEnd(), ServerText.MaxLength * 2).TrimEnd('.')
        + ". Operation: " + operationId
        + (endpoint is null ? string.Empty : ", endpoint: " + endpoint)
        + (requestId is null ? "." : ", request id: " + ServerText.ShownShort(requestId) + ".");

    /// <summary>True when the call ran out of time (<see cref="ApigClientOptions.Timeout"/>).</summary>
    public bool IsTimeout => InnerException is TimeoutException;
}
