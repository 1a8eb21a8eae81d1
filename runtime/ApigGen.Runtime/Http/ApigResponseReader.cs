using System.ComponentModel;
using System.Net;
using System.Text.Json;

namespace ApigGen;

/// <summary>Reads a success body's JSON value; the reader is on its first token.</summary>
/// <typeparam name="T">The response type.</typeparam>
/// <param name="reader">The reader.</param>
/// <param name="statusCode">The HTTP status of the response.</param>
/// <param name="requestId">The <c>X-Request-Id</c> header, when present.</param>
/// <returns>The response.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T ApigBodyReader<T>(ref Utf8JsonReader reader, HttpStatusCode statusCode, string? requestId);

/// <summary>Reads a success response for generated code: one method instead of a try/catch written out per operation.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigResponseReader
{
    /// <summary>
    /// Reads the body with <paramref name="readBody"/> (a static lambda: no closure per call), checks that nothing but
    /// whitespace and comments follows its JSON value, and turns any <see cref="JsonException"/> (malformed JSON, a wrong
    /// token, a missing mandatory member) into an <see cref="ApigTransportException"/> carrying the operation, status,
    /// request id and JSON path.
    /// </summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">A success response.</param>
    /// <param name="readBody">Reads the body's JSON value.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ApigTransportException">The body is empty, not JSON, or not the JSON the spec describes.</exception>
    public static T Read<T>(ApigResponse response, ApigBodyReader<T> readBody)
    {
        try
        {
            var reader = response.CreateJsonReader();
            var result = readBody(ref reader, response.StatusCode, response.RequestId);
            response.ExpectEnd(ref reader);
            return result;
        }
        catch (JsonException ex)
        {
            throw response.CreateReadException(ex);
        }
    }
}
