using System;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>Date-times without an offset are UTC on every machine; the test moves this process to UTC+8 to prove it.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class DateTimeTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05.123", "2024-01-02T03:04:05.1230000+00:00")]
    [InlineData("2024-01-02", "2024-01-02T00:00:00.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05+08:00", "2024-01-02T03:04:05.0000000+08:00")]
    [InlineData("2024-01-02T03:04:05-05:30", "2024-01-02T03:04:05.0000000-05:30")]
    [InlineData("2024-01-02T03:04:05\\u002B08:00", "2024-01-02T03:04:05.0000000+08:00")]
    [InlineData("2024-01-02 03:04:05", "2024-01-02T03:04:05.0000000+00:00")]
    public void ADateTimeReadsTheSameInEveryTimeZone(string json, string expected)
    {
        var savedZone = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "Asia/Shanghai");
        TimeZoneInfo.ClearCachedData();
        try
        {
            // The premise: this process now runs in UTC+8, where reading a time without an offset as local would show.
            Assert.Equal(TimeSpan.FromHours(8), TimeZoneInfo.Local.BaseUtcOffset);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"" + json + "\""));
            reader.Read();
            var value = ApigJson.ReadDateTime(ref reader, "$", "when");
            Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", savedZone);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2024-13-02T03:04:05Z")]
    public void AnythingElseIsAnErrorNamingThePath(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"" + json + "\""));
        reader.Read();
        try
        {
            ApigJson.ReadDateTime(ref reader, "$.certs[0]", "when");
            Assert.Fail("read a date-time from " + json);
        }
        catch (JsonException ex)
        {
            Assert.StartsWith("Expected an ISO 8601 date-time at $.certs[0].when but found a string", ex.Message, StringComparison.Ordinal);
        }
    }
}
