using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>
/// Answers every request at once with 200 and fresh content (<c>{}</c> unless given), recording the URI each was sent to:
/// a call through it completes on the caller's thread, for tests of what the runtime keeps per thread.
/// </summary>
public sealed class SyncHandler(Func<HttpContent>? content = null) : HttpMessageHandler
{
    /// <summary>The URI of every request, in order.</summary>
    public List<Uri> Sent { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Add(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = content?.Invoke() ?? new ByteArrayContent("{}"u8.ToArray()),
            RequestMessage = request,
        });
    }
}
