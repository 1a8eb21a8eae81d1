using System.Net;

namespace ApigGen;

/// <summary>
/// What every generated <c>{id}Response</c> record derives from: the HTTP status and the request id of a successful
/// answer, the same for every operation.
/// </summary>
/// <remarks>
/// Code that handles any operation's response (logging, auditing, a generic wrapper) can take this type and read
/// <see cref="StatusCode"/> and <see cref="RequestId"/> without knowing the operation. A response's <c>ToString()</c>
/// prints these two members first, then the response's own. Two responses are equal only when they are of the same
/// type and their status, request id and own members are all equal.
/// </remarks>
public abstract record ApigOperationResponse
{
    /// <summary>Creates a response; only generated response records (and their copies) call it.</summary>
    protected ApigOperationResponse()
    {
    }

    /// <summary>The HTTP status of the answer (a success status: an error status is an <see cref="ApigException"/> instead).</summary>
    public HttpStatusCode StatusCode { get; init; }

    /// <summary>
    /// The request id from the answer's <c>X-Request-Id</c> header, to quote to Huawei Cloud support about this call;
    /// null when the answer had none.
    /// </summary>
    public string? RequestId { get; init; }
}
