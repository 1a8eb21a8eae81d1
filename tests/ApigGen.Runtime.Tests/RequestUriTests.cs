using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>
/// A sealed request's URL is parsed once: a request to the same URL as the thread's last one takes that parsed
/// <see cref="Uri"/> again, and any other URL, however close, is parsed and sent as its own.
/// </summary>
public sealed class RequestUriTests
{
    private const string Base = "https://apig.example.com/v2/" + Calls.ProjectId + "/apigw/certificates/";

    [Fact]
    public async Task TheSameUrlTakesTheLastParsedUriAndEveryOtherUrlIsSentAsBuilt()
    {
        var sent = await ShowCertificatesAsync("a", "a", "ab", "a", "a/b", "a%2Fb", "a%2Fb", "é");

        string[] expected = ["a", "a", "ab", "a", "a%2Fb", "a%252Fb", "a%252Fb", "%C3%A9"];
        Assert.Equal(expected.Length, sent.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Base + expected[i], sent[i].OriginalString);
            Assert.Equal(Base + expected[i], sent[i].AbsoluteUri);
        }

        // Repeated URLs share one parsed Uri; a URL that is a prefix or an extension of the last one is parsed anew, and
        // only the thread's last URL is kept.
        Assert.Equal([true, false, false, false, false, true, false], SameAsPrevious(sent));
        Assert.NotSame(sent[0], sent[3]);
    }

    [Fact]
    public async Task UrlsOfOneLengthAreToldApartWhereverTheyDifferAndALongUrlIsComparedWhole()
    {
        var tail = new string('t', 40);
        var longId = new string('x', 300);
        string[] ids =
        [
            "a" + tail, "b" + tail, "b" + tail, // the same length, differing before the last 32 characters
            tail + "a", tail + "b", // ... and in the last one
            longId, longId, longId[..^1] + "y", // longer than the URL builder's first capacity
        ];

        var sent = await ShowCertificatesAsync(ids);

        Assert.Equal(ids.Select(id => Base + id), sent.Select(uri => uri.OriginalString));
        Assert.Equal([false, true, false, false, false, true, false], SameAsPrevious(sent));
    }

    [Fact]
    public async Task TheProjectIdIsOnePercentEncodedSegment()
    {
        var handler = new SyncHandler();
        using var client = new HttpClient(handler);
        var pipeline = Calls.Pipeline(new Uri("https://apig.example.com"), client, configure: o => o.ProjectId = "team a/b~1");

        await Calls.ShowCertificateAsync(pipeline);

        Assert.Equal("https://apig.example.com/v2/team%20a%2Fb~1/apigw/certificates/c0ffee", Assert.Single(handler.Sent).OriginalString);
    }

    [Fact]
    public async Task AnotherEndpointOnTheSameThreadIsNeverGivenTheLastUrl()
    {
        var handler = new SyncHandler();
        using var client = new HttpClient(handler);
        var first = Calls.Pipeline(new Uri("https://apig.example.com"), client);
        var second = Calls.Pipeline(new Uri("https://apig.example.com:8443"), client);

        await Calls.ShowCertificateAsync(first);
        await Calls.ShowCertificateAsync(second);
        await Calls.ShowCertificateAsync(first);

        Assert.Equal(Base + "c0ffee", handler.Sent[0].OriginalString);
        Assert.Equal("https://apig.example.com:8443/v2/" + Calls.ProjectId + "/apigw/certificates/c0ffee", handler.Sent[1].OriginalString);
        Assert.Equal(8443, handler.Sent[1].Port);
        Assert.Equal(Base + "c0ffee", handler.Sent[2].OriginalString);
        Assert.Equal(443, handler.Sent[2].Port);
    }

    /// <summary>For each URI after the first, whether it is the very object sent before it (the parsed URL taken again).</summary>
    private static bool[] SameAsPrevious(IReadOnlyList<Uri> sent) =>
        Enumerable.Range(1, sent.Count - 1).Select(i => ReferenceEquals(sent[i], sent[i - 1])).ToArray();

    /// <summary>Shows one certificate per id in turn on this thread, through one pipeline; returns the URIs sent.</summary>
    private static async Task<IReadOnlyList<Uri>> ShowCertificatesAsync(params string[] ids)
    {
        var handler = new SyncHandler();
        using var client = new HttpClient(handler);
        var pipeline = Calls.Pipeline(new Uri("https://apig.example.com"), client);
        foreach (var id in ids)
        {
            // The parsed URL is kept per thread: every call must complete on this one.
            var call = Calls.ShowCertificateAsync(pipeline, certificateId: id);
            Assert.True(call.IsCompletedSuccessfully, "the call did not complete on this thread");
            Assert.True((await call).IsSuccess);
        }

        return handler.Sent;
    }
}
