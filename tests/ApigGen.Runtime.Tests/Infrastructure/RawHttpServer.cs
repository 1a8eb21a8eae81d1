using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>A request as it arrived on the wire: the head's lines and the body bytes.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string Head)
{
    /// <summary>The value of a header (first occurrence), or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}

/// <summary>
/// A hostile HTTP/1.1 server on 127.0.0.1 that answers with whatever bytes a test writes: lying headers, dribbled or
/// truncated bodies, redirects. It records every request it receives, exactly as received.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Starts the server; <paramref name="respond"/> writes the raw answer to each request and may then return to close the connection.</summary>
    public RawHttpServer(Func<RawRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The server's port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The server's base address, <c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseAddress => new("http://127.0.0.1:" + Port);

    /// <summary>Every request received so far.</summary>
    public ConcurrentQueue<RawRequest> Received { get; } = new();

    /// <summary>Writes ASCII text.</summary>
    public static Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();

    /// <summary>A complete answer with a JSON body and an exact Content-Length.</summary>
    public static async Task AnswerAsync(Stream stream, int status, string body, CancellationToken cancellationToken, string extraHeaders = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteAsync(stream, "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.Length + "\r\n" + extraHeaders + "Connection: close\r\n\r\n", cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                Received.Enqueue(request);
                await _respond(request, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client hung up (a timeout, a refused body): nothing to answer.
            }
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
        }

        var head = Encoding.UTF8.GetString(buffer.ToArray());
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            headers.Add(new(lines[i][..colon], lines[i][(colon + 1)..].Trim()));
        }

        var body = Array.Empty<byte>();
        var length = headers.Find(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (length is not null)
        {
            body = new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, cancellationToken);
        }

        return new RawRequest(start[0], start[1], headers, body, head);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
