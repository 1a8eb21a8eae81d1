using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;

namespace ApigGen;

/// <summary>
/// Traces and metrics of generated clients: the <see cref="ActivitySource"/> and <see cref="Meter"/> named
/// <see cref="Name"/>. Nothing is built or allocated for them while nobody listens.
/// </summary>
/// <remarks>
/// <para>
/// One client span per operation call, named after the operation, retries included, with OpenTelemetry's HTTP client
/// attributes <c>http.request.method</c>, <c>server.address</c>, <c>server.port</c>, <c>url.full</c> (query values
/// replaced by <c>REDACTED</c>), <c>http.response.status_code</c>, <c>error.type</c>,
/// <c>http.request.resend_count</c> (when the call was repeated), and <c>apig.operation</c>, <c>apig.request_id</c>,
/// <c>apig.error_code</c>.
/// </para>
/// <para>
/// The histogram <see cref="DurationInstrument"/> (seconds) records each call, retries included, tagged with
/// <c>apig.operation</c>, <c>http.request.method</c>, <c>http.response.status_code</c> (when an answer arrived) and
/// <c>error.type</c> (when it failed).
/// </para>
/// </remarks>
public static class ApigTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>: <c>ApigGen</c>.</summary>
    public const string Name = "ApigGen";

    /// <summary>The name of the operation-duration histogram: <c>apig.client.operation.duration</c>.</summary>
    public const string DurationInstrument = "apig.client.operation.duration";

    internal static readonly ActivitySource Source = new(Name, HeaderValues.Version);

    internal static readonly Meter Meter = new(Name, HeaderValues.Version);

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        DurationInstrument, "s", "Duration of APIG operation calls, from the first attempt to the last answer, retries included.");

    /// <summary>Starts the call's span, or returns null (at the cost of one check) when nobody samples it.</summary>
    internal static Activity? Start(in SealedRequest request, Uri origin)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(request.OperationId, ActivityKind.Client);
        if (activity is null || !activity.IsAllDataRequested)
        {
            return activity;
        }

        activity.SetTag("http.request.method", request.Method.Method);
        activity.SetTag("server.address", origin.Host);
        activity.SetTag("server.port", origin.Port);
        activity.SetTag("url.full", RedactQuery(request.Url, request.QueryStart));
        activity.SetTag("apig.operation", request.OperationId);
        return activity;
    }

    /// <summary>Ends the span: status, error type, request id, APIG error code and how often the request was resent.</summary>
    internal static void Stop(Activity activity, int status, string? errorType, string? requestId, string? errorCode, int attempts, string? description)
    {
        if (activity.IsAllDataRequested)
        {
            if (status != 0)
            {
                activity.SetTag("http.response.status_code", status);
            }

            if (attempts > 1)
            {
                activity.SetTag("http.request.resend_count", attempts - 1);
            }

            if (requestId is not null)
            {
                activity.SetTag("apig.request_id", ServerText.ShownShort(requestId));
            }

            if (errorCode is not null)
            {
                activity.SetTag("apig.error_code", ServerText.ShownShort(errorCode));
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error, description);
            }
        }

        activity.Dispose();
    }

    /// <summary>Records the call's duration when the histogram is listened to.</summary>
    internal static void RecordDuration(double seconds, string operationId, string method, int status, string? errorType)
    {
        var tags = new TagList
        {
            { "apig.operation", operationId },
            { "http.request.method", method },
        };
        if (status != 0)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        Duration.Record(seconds, tags);
    }

    /// <summary>The URL with every query value replaced by <c>REDACTED</c> (names kept): values may be personal.</summary>
    internal static string RedactQuery(string url, int queryStart)
    {
        if (queryStart < 0)
        {
            return url;
        }

        var builder = new StringBuilder(url.Length + 16).Append(url, 0, queryStart);
        var i = queryStart;
        while (i < url.Length)
        {
            var end = url.IndexOf('&', i);
            if (end < 0)
            {
                end = url.Length;
            }

            var eq = url.IndexOf('=', i, end - i);
            builder.Append(url, i, (eq < 0 ? end : eq) - i);
            if (eq >= 0)
            {
                builder.Append("=REDACTED");
            }

            if (end < url.Length)
            {
                builder.Append('&');
            }

            i = end + 1;
        }

        return builder.ToString();
    }
}
