using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>Calls made through <see cref="ApigPipeline"/> the way generated code makes them.</summary>
public static class Calls
{
    public const string ProjectId = "0123456789abcdef0123456789abcdef";

    /// <summary>A private key in a request body: it must reach nobody but the endpoint, and no pooled buffer after the call.</summary>
    public const string PrivateKey = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----END PRIVATE KEY-----";

    public static ApigPipeline Pipeline(Uri endpoint, HttpClient? httpClient = null, ApigCredentials? credentials = null, Action<ApigClientOptions>? configure = null)
    {
        var options = new ApigClientOptions
        {
            Endpoint = endpoint,
            ProjectId = ProjectId,
            Credentials = credentials ?? ApigCredentials.Token("token-value-1234"),
        };
        configure?.Invoke(options);
        return new ApigPipeline(options, httpClient);
    }

    /// <summary>POST …/certificates with a private key in the body, as CreateCertificateV2 sends it; <paramref name="idempotent"/> as a spec's <c>idempotent: true</c> would make it.</summary>
    public static ValueTask<ApigResponse> CreateCertificateAsync(ApigPipeline pipeline, CancellationToken cancellationToken = default, bool idempotent = false)
    {
        var request = pipeline.CreateRequest(HttpMethod.Post, "CreateCertificateV2", ApigAuthModes.Token | ApigAuthModes.AccessKey, idempotent);
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates");
        var writer = request.StartJsonBody();
        writer.WriteStartObject();
        writer.WriteString("name", "cert");
        writer.WriteString("private_key", PrivateKey);
        writer.WriteEndObject();
        request.EndJsonBody();
        return pipeline.SendAsync(request, cancellationToken);
    }

    /// <summary>GET …/certificates/{id} (<c>c0ffee</c> unless given).</summary>
    public static ValueTask<ApigResponse> ShowCertificateAsync(ApigPipeline pipeline, CancellationToken cancellationToken = default, string certificateId = "c0ffee")
    {
        var request = pipeline.CreateRequest(HttpMethod.Get, "ShowDetailsOfCertificateV2");
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates/");
        request.AppendPathParameter(certificateId);
        return pipeline.SendAsync(request, cancellationToken);
    }
}
