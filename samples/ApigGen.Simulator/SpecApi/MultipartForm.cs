using System;
using System.Collections.Generic;
using System.Text;

namespace ApigGen.Simulator.SpecApi;

/// <summary>One part of a <c>multipart/form-data</c> body: its name, file name (null for a text field), media type and bytes.</summary>
/// <param name="Name">The <c>name</c> parameter of its <c>Content-Disposition</c>.</param>
/// <param name="FileName">The file name (<c>filename*</c> decoded when given, else <c>filename</c>); null for a text field.</param>
/// <param name="ContentType">The part's <c>Content-Type</c>, or null.</param>
/// <param name="Content">The part's bytes.</param>
public sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    /// <summary>The content as UTF-8 text (what a text field holds).</summary>
    public string Text => Encoding.UTF8.GetString(Content);
}

/// <summary>
/// Reads <c>multipart/form-data</c> bodies (RFC 7578) the way a server does: the boundary from the <c>Content-Type</c>
/// header, parts between delimiter lines, each with its headers; quoted parameters as browsers write them
/// (<c>%22</c>, <c>%0D</c>, <c>%0A</c>), and RFC 5987 <c>filename*</c>, which wins over <c>filename</c>.
/// </summary>
public static class MultipartForm
{
    /// <summary>The parts of <paramref name="body"/>, or null when it is not a well-formed form of that content type.</summary>
    /// <param name="contentType">The request's <c>Content-Type</c> header.</param>
    /// <param name="body">The body bytes.</param>
    public static IReadOnlyList<MultipartPart>? Parse(string? contentType, byte[] body)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = Parameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return null;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.AsSpan();
        if (!span.StartsWith(delimiter))
        {
            return null;
        }

        var parts = new List<MultipartPart>();
        var position = delimiter.Length;
        var separator = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        while (true)
        {
            var rest = span[position..];
            if (rest.StartsWith("--"u8))
            {
                return parts;
            }

            if (!rest.StartsWith("\r\n"u8))
            {
                return null;
            }

            position += 2;
            var headEnd = span[position..].IndexOf("\r\n\r\n"u8);
            if (headEnd < 0)
            {
                return null;
            }

            var head = Encoding.UTF8.GetString(span.Slice(position, headEnd));
            position += headEnd + 4;
            var contentEnd = span[position..].IndexOf(separator);
            if (contentEnd < 0)
            {
                return null;
            }

            var content = span.Slice(position, contentEnd).ToArray();
            position += contentEnd + separator.Length;
            if (ReadPart(head, content) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }
    }

    private static MultipartPart? ReadPart(string head, byte[] content)
    {
        string? disposition = null;
        string? type = null;
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                disposition = value;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                type = value;
            }
        }

        if (disposition is null || !disposition.StartsWith("form-data", StringComparison.OrdinalIgnoreCase) || Parameter(disposition, "name") is not { } partName)
        {
            return null;
        }

        var fileName = Parameter(disposition, "filename*") is { } extended && extended.StartsWith("UTF-8''", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(extended["UTF-8''".Length..])
            : Parameter(disposition, "filename");
        return new MultipartPart(partName, fileName, type, content);
    }

    /// <summary>A parameter of a header value (<c>; key=value</c> or <c>; key="value"</c>, quotes' %22/%0D/%0A decoded); null when absent.</summary>
    private static string? Parameter(string header, string key)
    {
        var i = header.IndexOf(';');
        while (i >= 0 && i < header.Length)
        {
            var start = i + 1;
            while (start < header.Length && header[start] == ' ')
            {
                start++;
            }

            var eq = header.IndexOf('=', start);
            if (eq < 0)
            {
                return null;
            }

            var name = header[start..eq].Trim();
            string value;
            int next;
            if (eq + 1 < header.Length && header[eq + 1] == '"')
            {
                var close = header.IndexOf('"', eq + 2);
                if (close < 0)
                {
                    return null;
                }

                value = header[(eq + 2)..close].Replace("%22", "\"", StringComparison.Ordinal).Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal);
                next = header.IndexOf(';', close);
            }
            else
            {
                next = header.IndexOf(';', eq);
                value = (next < 0 ? header[(eq + 1)..] : header[(eq + 1)..next]).Trim();
            }

            if (name.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }

            i = next;
        }

        return null;
    }
}
