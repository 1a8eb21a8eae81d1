using System;
using Microsoft.Extensions.Logging;

namespace ApigGen;

/// <summary>
/// The log lines of generated clients (category <c>ApigGen.ApigClient</c>). They carry operation ids, methods, statuses,
/// durations, request ids, attempt counts, error kinds and URLs without their query: never a secret, a header value, a
/// body or a query value.
/// </summary>
internal static partial class ApigLog
{
    public const string Category = "ApigGen.ApigClient";

    [LoggerMessage(EventId = 1, EventName = "CallCompleted", Level = LogLevel.Information,
        Message = "{Operation} answered {StatusCode} in {DurationMs:0.0} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void CallCompleted(ILogger logger, string operation, int statusCode, double durationMs, int attempts, string? requestId);

    [LoggerMessage(EventId = 2, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "{Operation} failed ({ErrorType}) in {DurationMs:0.0} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void CallFailed(ILogger logger, string operation, string errorType, double durationMs, int attempts, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "AttemptStarting", Level = LogLevel.Debug,
        Message = "{Operation} attempt {Attempt}: {Method} {Url}")]
    public static partial void AttemptStarting(ILogger logger, string operation, int attempt, string method, string url);

    [LoggerMessage(EventId = 4, EventName = "RetryScheduled", Level = LogLevel.Debug,
        Message = "{Operation} attempt {Attempt} ended with {Outcome}; retrying in {DelayMs:0} ms{RetryAfterNote}")]
    public static partial void RetryScheduled(ILogger logger, string operation, int attempt, string outcome, double delayMs, string retryAfterNote);

    [LoggerMessage(EventId = 5, EventName = "RetryNotMade", Level = LogLevel.Debug,
        Message = "{Operation} attempt {Attempt} ended with {Outcome}; not retried: {Reason}")]
    public static partial void RetryNotMade(ILogger logger, string operation, int attempt, string outcome, string reason);

    [LoggerMessage(EventId = 6, EventName = "CredentialsRefused", Level = LogLevel.Debug,
        Message = "{Operation} attempt {Attempt} was refused (401) with credentials from a provider; repeating it with the provider's next ones")]
    public static partial void CredentialsRefused(ILogger logger, string operation, int attempt);
}
