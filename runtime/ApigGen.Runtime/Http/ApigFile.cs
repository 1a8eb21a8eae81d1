using System;
using System.IO;

namespace ApigGen;

/// <summary>
/// A file part of a <c>multipart/form-data</c> upload: its content, the file name sent with it, and its media type.
/// </summary>
/// <remarks>
/// The caller owns <see cref="Content"/>: the client reads it from its current position to its end while it builds the
/// request (before anything is sent, so a retry sends the same bytes) and never disposes it or seeks it. The stream
/// need not be seekable. The bytes count towards <see cref="ApigClientOptions.MaxRequestBodySize"/>. Neither
/// <see cref="ToString"/> nor the client's logs and traces ever show the content.
/// </remarks>
public sealed class ApigFile
{
    /// <summary>Creates a file part.</summary>
    /// <param name="content">The bytes to upload, read from the current position to the end; the caller keeps ownership.</param>
    /// <param name="fileName">
    /// The file name sent in the part's <c>Content-Disposition</c>. Any text: quotes and line breaks are escaped, and a name
    /// with characters outside ASCII is also sent in the RFC 5987 <c>filename*</c> form.
    /// </param>
    /// <param name="contentType">The part's media type, such as <c>text/csv</c>; null sends <c>application/octet-stream</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> or <paramref name="fileName"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="content"/> cannot be read, or <paramref name="contentType"/> is blank or holds a control character
    /// or a character outside ASCII (it is sent as a header value as it stands).
    /// </exception>
    public ApigFile(Stream content, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!content.CanRead)
        {
            throw new ArgumentException("The file's stream cannot be read.", nameof(content));
        }

        if (contentType is not null && (contentType.Trim().Length == 0 || HeaderValues.FindInvalidHeaderChar(contentType, allowNonAscii: false) >= 0))
        {
            throw new ArgumentException("The content type must be a non-blank ASCII media type without control characters, such as text/csv.", nameof(contentType));
        }

        Content = content;
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>The bytes to upload; owned by the caller, who disposes it after the call.</summary>
    public Stream Content { get; }

    /// <summary>The file name sent with the part.</summary>
    public string FileName { get; }

    /// <summary>The part's media type; null means <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The file name and media type, never the content.</summary>
    /// <returns>A description of the part.</returns>
    public override string ToString() => "ApigFile { FileName = " + FileName + ", ContentType = " + (ContentType ?? "application/octet-stream") + " }";
}
