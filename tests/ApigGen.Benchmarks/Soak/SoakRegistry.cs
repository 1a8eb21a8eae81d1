using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using ApigGen.Benchmarks.Apig;
using ApigGen.Simulator;

namespace ApigGen.Benchmarks.Soak;

/// <summary>
/// The soak's side of the simulator: finds whose call a request is from what the client sent (the certificate id in
/// the path, else the <c>name</c> query value, else the <c>name</c> in the body) and answers with the fault that call
/// was planned with, noting the request id the simulator gives it.
/// </summary>
internal sealed class SoakRegistry
{
    private const string NamePrefix = "soak_c";
    private readonly ConcurrentDictionary<string, SoakCaller> _byCertificateId = new(StringComparer.Ordinal);
    private SoakCaller[] _callers = Array.Empty<SoakCaller>();
    private long _orphans;
    private long _lateHangs;
    private string? _firstOrphan;

    /// <summary>Requests that matched no call in flight (0 expected).</summary>
    public long Orphans => Interlocked.Read(ref _orphans);

    /// <summary>What the first orphan was, for the report.</summary>
    public string? FirstOrphan => Volatile.Read(ref _firstOrphan);

    /// <summary>Requests of hung calls that arrived after their caller had cancelled them (harmless; answered with a hang again).</summary>
    public long LateHangs => Interlocked.Read(ref _lateHangs);

    public void SetCallers(SoakCaller[] callers) => _callers = callers;

    /// <summary>Registers a certificate id as <paramref name="caller"/>'s; false when it was someone's already.</summary>
    public bool Add(string certificateId, SoakCaller caller) => _byCertificateId.TryAdd(certificateId, caller);

    public void Remove(string certificateId) => _byCertificateId.TryRemove(certificateId, out _);

    /// <summary>For <see cref="SimulatorFaults.Choose"/>.</summary>
    public FaultMode Choose(RecordedRequest request)
    {
        var (caller, seq, kind) = Find(request);
        var plan = caller?.Current;
        if (caller is null || plan is null || (seq is { } s && s != plan.Seq))
        {
            if (caller is not null && kind == 'h')
            {
                Interlocked.Increment(ref _lateHangs);
                return FaultMode.Hang;
            }

            if (Interlocked.Increment(ref _orphans) == 1)
            {
                Volatile.Write(ref _firstOrphan, request.Method + " " + request.RawTarget + " (caller " + caller?.Index + ", call " + seq + ", in flight: " + plan + ")");
            }

            return FaultMode.None;
        }

        plan.Arrived(request.RequestId);
        return plan.Fault;
    }

    private (SoakCaller? Caller, long? Seq, char Kind) Find(RecordedRequest request)
    {
        var target = request.RawTarget;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        const string Certificates = "/certificates/";
        var at = path.IndexOf(Certificates, StringComparison.Ordinal);
        if (at >= 0)
        {
            var start = at + Certificates.Length;
            var end = path.IndexOf('/', start);
            var id = Uri.UnescapeDataString(end < 0 ? path[start..] : path[start..end]);
            if (id.StartsWith(NamePrefix, StringComparison.Ordinal))
            {
                return Parse(id);
            }

            return (_byCertificateId.TryGetValue(id, out var owner) ? owner : null, null, ' ');
        }

        if (queryStart >= 0)
        {
            foreach (var pair in target[(queryStart + 1)..].Split('&'))
            {
                if (pair.StartsWith("name=", StringComparison.Ordinal))
                {
                    return Parse(Uri.UnescapeDataString(pair[5..]));
                }
            }
        }

        var body = Encoding.UTF8.GetString(request.Body);
        const string NameMember = "\"name\":\"";
        var name = body.IndexOf(NameMember, StringComparison.Ordinal);
        if (name >= 0)
        {
            var start = name + NameMember.Length;
            var end = body.IndexOf('"', start);
            return Parse(end < 0 ? body[start..] : body[start..end]);
        }

        return (null, null, ' ');
    }

    /// <summary><c>soak_cNNNNN_</c> (the caller's prefix) or <c>soak_cNNNNN_kSEQ</c> (a key unique to call SEQ).</summary>
    private (SoakCaller? Caller, long? Seq, char Kind) Parse(string key)
    {
        var callers = _callers;
        if (key.Length < NamePrefix.Length + 6 || !key.StartsWith(NamePrefix, StringComparison.Ordinal)
            || !int.TryParse(key.AsSpan(NamePrefix.Length, 5), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= callers.Length)
        {
            return (null, null, ' ');
        }

        var rest = key.AsSpan(NamePrefix.Length + 6);
        if (rest.Length == 0)
        {
            return (callers[index], null, ' ');
        }

        if (rest.Length > 1 && long.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return (callers[index], seq, rest[0]);
        }

        // The caller's own certificate before its first update ("own"): not call-unique.
        return (callers[index], null, ' ');
    }
}

/// <summary>One certificate and key for every create and update of the run (the simulator parses and matches them each time).</summary>
internal sealed class SoakPem
{
    private readonly string _certificate;
    private readonly string _privateKey;

    public SoakPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=soak.example.com", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _certificate = certificate.ExportCertificatePem();
        _privateKey = key.ExportPkcs8PrivateKeyPem();
    }

    public CertificateForm Form(string name) => new()
    {
        Name = name,
        CertContent = _certificate,
        PrivateKey = _privateKey,
        AlgorithmType = AlgorithmType.Ecc,
    };
}

/// <summary>
/// A negative control for the soak's checks (<c>--crosstalk N</c>): one request in N leaves with the certificate id of
/// the previous request that had one, as a client that mixed up concurrent requests would send it. The run must then
/// report wrong outcomes (and, for AK/SK, failed signatures, since the path changes after signing).
/// </summary>
internal sealed class SoakCrosstalkHandler : System.Net.Http.DelegatingHandler
{
    private const string Certificates = "/certificates/";
    private readonly int _every;
    private long _count;
    private string? _lastId;

    public SoakCrosstalkHandler(int every)
        : base(new System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) => _every = every;

    protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.OriginalString;
        var at = url.IndexOf(Certificates, StringComparison.Ordinal);
        if (at >= 0)
        {
            var start = at + Certificates.Length;
            var end = url.IndexOfAny(new[] { '/', '?' }, start);
            var id = end < 0 ? url[start..] : url[start..end];
            var other = Interlocked.Exchange(ref _lastId, id);
            if (Interlocked.Increment(ref _count) % _every == 0 && other is not null && other != id)
            {
                request.RequestUri = new Uri(url[..start] + other + (end < 0 ? string.Empty : url[end..]));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
