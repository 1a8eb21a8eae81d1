using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Benchmarks.Apig;
using ApigGen.Simulator;

namespace ApigGen.Benchmarks.Soak;

/// <summary>
/// One of the soak's concurrent callers. It owns a certificate (created at set-up) and at times a temporary one; every
/// name it sends starts with its own prefix <c>soak_cNNNNN_</c>, and every call-unique name or id carries the call
/// number, so that the simulator's fault chooser can tell whose call a request is and each answer can be checked
/// against the caller's own data.
/// </summary>
internal sealed class SoakCaller
{
    /// <summary>The weights of the faults per 1,000 calls; the rest answer normally.</summary>
    private static readonly (FaultMode Fault, int Weight)[] FaultWeights =
    {
        (FaultMode.ServerError, 30),
        (FaultMode.TooManyRequests, 30),
        (FaultMode.MalformedBody, 20),
        (FaultMode.TruncatedSuccessBody, 20),
        (FaultMode.TrailingContentAfterBody, 10),
        (FaultMode.MissingMandatoryMember, 10),
        (FaultMode.DropConnection, 10),
        (FaultMode.DropMidBody, 10),
        (FaultMode.SlowBody, 40),
        (FaultMode.Hang, 10),
    };

    /// <summary>The weights of the operations (Delete follows every Create instead).</summary>
    private static readonly (SoakOp Op, int Weight)[] OpWeights =
    {
        (SoakOp.Show, 30),
        (SoakOp.List, 20),
        (SoakOp.Update, 10),
        (SoakOp.Create, 8),
        (SoakOp.ListAttached, 12),
        (SoakOp.AttachMissingDomain, 10),
        (SoakOp.ShowMissing, 10),
    };

    /// <summary>How long a caller waits for a call the simulator never answers before it cancels it.</summary>
    private static readonly TimeSpan HangCancelAfter = TimeSpan.FromMilliseconds(50);

    private static long _resetBeforeHeaders;
    private static long _retried;

    private readonly Random _random;
    private readonly SoakRegistry _registry;
    private SoakPlan? _current;
    private long _seq;

    public SoakCaller(int index, int seed, SoakRegistry registry)
    {
        Index = index;
        Prefix = "soak_c" + index.ToString("D5", CultureInfo.InvariantCulture) + "_";
        _random = new Random(unchecked((seed * 1_000_003) + index));
        _registry = registry;
        CurrentName = Prefix + "own";
    }

    /// <summary>How many <see cref="FaultMode.DropMidBody"/> calls ended before the client had the response headers (no request id).</summary>
    public static long ResetBeforeHeaders => Interlocked.Read(ref _resetBeforeHeaders);

    /// <summary>How many calls ended in an exception after more than one attempt (retries).</summary>
    public static long Retried => Interlocked.Read(ref _retried);

    public int Index { get; }

    /// <summary>The start of every name this caller sends.</summary>
    public string Prefix { get; }

    /// <summary>The caller's own certificate.</summary>
    public string CertificateId { get; set; } = string.Empty;

    /// <summary>The name the simulator has for <see cref="CertificateId"/>.</summary>
    public string CurrentName { get; set; }

    /// <summary>The caller's temporary certificate, created and not yet deleted.</summary>
    public string? TemporaryId { get; private set; }

    /// <summary>The call in flight, for the fault chooser; null between calls.</summary>
    public SoakPlan? Current => Volatile.Read(ref _current);

    /// <summary>Picks the next call: after a Create, the Delete of what it created; else an operation and a fault by weight.</summary>
    public SoakPlan NextPlan()
    {
        var seq = ++_seq;
        var fault = FaultMode.None;
        var roll = _random.Next(1000);
        foreach (var (candidate, weight) in FaultWeights)
        {
            if (roll < weight)
            {
                fault = candidate;
                break;
            }

            roll -= weight;
        }

        SoakOp op;
        if (TemporaryId is not null)
        {
            op = SoakOp.Delete;
        }
        else
        {
            var opRoll = _random.Next(OpWeights.Sum(w => w.Weight));
            op = OpWeights[^1].Op;
            foreach (var (candidate, weight) in OpWeights)
            {
                if (opRoll < weight)
                {
                    op = candidate;
                    break;
                }

                opRoll -= weight;
            }
        }

        if (fault == FaultMode.Hang)
        {
            // A hung call is cancelled by the caller, and its request may reach the simulator after the next call has
            // started: it gets a key of its own (a missing certificate id or a name filter unique to the call).
            op = _random.Next(2) == 0 ? SoakOp.Show : SoakOp.List;
        }

        return new SoakPlan(op, SoakPlan.Fits(op, fault) ? fault : FaultMode.None, seq);
    }

    /// <summary>A name or id unique to call <paramref name="seq"/> of this caller; <paramref name="kind"/> says what for.</summary>
    public string UniqueKey(char kind, long seq) => Prefix + kind + seq.ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes the call of <paramref name="plan"/> and checks its outcome: null when right, else what was wrong.</summary>
    public async Task<string?> CallAsync(IApigClient client, SoakPlan plan, SoakPem pem)
    {
        Volatile.Write(ref _current, plan);
        try
        {
            return await CallAndCheckAsync(client, plan, pem).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _current, null);
        }
    }

    private async Task<string?> CallAndCheckAsync(IApigClient client, SoakPlan plan, SoakPem pem)
    {
        var hang = plan.Fault == FaultMode.Hang;
        using var cancel = hang ? new CancellationTokenSource(HangCancelAfter) : null;
        var token = cancel?.Token ?? CancellationToken.None;
        // The path key of the call, which a transport error's endpoint must end with (null: the call has no path key).
        string? pathKey = null;
        try
        {
            switch (plan.Op)
            {
                case SoakOp.Show when hang:
                case SoakOp.ShowMissing:
                {
                    pathKey = UniqueKey(hang ? 'h' : 'm', plan.Seq);
                    var shown = await client.ShowDetailsOfCertificateV2Async(new ShowDetailsOfCertificateV2Request { CertificateId = pathKey }, token).ConfigureAwait(false);
                    return Succeeded(plan, shown.RequestId, "a certificate " + shown.Id);
                }

                case SoakOp.Show:
                {
                    pathKey = CertificateId;
                    var shown = await client.ShowDetailsOfCertificateV2Async(new ShowDetailsOfCertificateV2Request { CertificateId = CertificateId }, token).ConfigureAwait(false);
                    return Succeeded(plan, shown.RequestId, shown.Id == CertificateId && shown.Name == CurrentName ? null : "certificate " + shown.Id + " named " + shown.Name);
                }

                case SoakOp.List:
                {
                    var filter = hang ? UniqueKey('h', plan.Seq) : Prefix;
                    var listed = await client.ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = SimulatorState.DefaultInstanceIds[0], Name = filter }, token).ConfigureAwait(false);
                    var certs = listed.Certs ?? Array.Empty<CertBase>();
                    var ownOnly = certs.Count == 1
                        && certs[0].Id == CertificateId && certs[0].Name == CurrentName;
                    var ownAndTemporary = TemporaryId is not null && certs.Count == 2
                        && certs.Any(c => c.Id == CertificateId && c.Name == CurrentName)
                        && certs.Any(c => c.Id == TemporaryId && c.Name!.StartsWith(Prefix + "t", StringComparison.Ordinal));
                    var right = listed.Total == certs.Count && listed.Size == certs.Count && (TemporaryId is null ? ownOnly : ownAndTemporary);
                    return Succeeded(plan, listed.RequestId, right ? null : "total " + listed.Total + ": " + string.Join(", ", certs.Select(c => c.Id + " " + c.Name)));
                }

                case SoakOp.Update:
                {
                    pathKey = CertificateId;
                    var name = UniqueKey('u', plan.Seq);
                    var updated = await client.UpdateCertificateV2Async(new UpdateCertificateV2Request { CertificateId = CertificateId, Body = pem.Form(name) }, token).ConfigureAwait(false);
                    var wrong = Succeeded(plan, updated.RequestId, updated.Id == CertificateId && updated.Name == name ? null : "certificate " + updated.Id + " named " + updated.Name);
                    if (updated.Id == CertificateId && updated.Name == name)
                    {
                        CurrentName = name;
                    }

                    return wrong;
                }

                case SoakOp.Create:
                {
                    var name = UniqueKey('t', plan.Seq);
                    var created = await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = pem.Form(name) }, token).ConfigureAwait(false);
                    if (created.Name == name && created.Id is { } id && _registry.Add(id, this))
                    {
                        TemporaryId = id;
                        return Succeeded(plan, created.RequestId, null);
                    }

                    return Succeeded(plan, created.RequestId, "certificate " + created.Id + " named " + created.Name);
                }

                case SoakOp.Delete:
                {
                    pathKey = TemporaryId!;
                    var deleted = await client.DeleteCertificateV2Async(new DeleteCertificateV2Request { CertificateId = pathKey }, token).ConfigureAwait(false);
                    var wrong = Succeeded(plan, deleted.RequestId, deleted.StatusCode == HttpStatusCode.NoContent ? null : "status " + (int)deleted.StatusCode);
                    if (deleted.StatusCode == HttpStatusCode.NoContent)
                    {
                        _registry.Remove(pathKey);
                        TemporaryId = null;
                    }

                    return wrong;
                }

                case SoakOp.ListAttached:
                {
                    pathKey = CertificateId + "/attached-domains";
                    var attached = await client.ListAttachedDomainsV2Async(new ListAttachedDomainsV2Request { CertificateId = CertificateId }, token).ConfigureAwait(false);
                    return Succeeded(plan, attached.RequestId, attached.Total == 0 && attached.BoundDomains is { Count: 0 } ? null : "total " + attached.Total);
                }

                case SoakOp.AttachMissingDomain:
                {
                    pathKey = CertificateId + "/domains/attach";
                    var domain = "d" + plan.Seq.ToString(CultureInfo.InvariantCulture) + "." + Prefix.Replace('_', '-') + "soak.example";
                    var bound = await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
                    {
                        CertificateId = CertificateId,
                        Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = domain }] },
                    }, token).ConfigureAwait(false);
                    return Succeeded(plan, bound.RequestId, "status " + (int)bound.StatusCode);
                }

                default:
                    throw new InvalidOperationException(plan.Op.ToString());
            }
        }
        catch (ApigException ex)
        {
            return CheckApiError(plan, ex);
        }
        catch (ApigTransportException ex)
        {
            return CheckTransport(plan, ex, pathKey);
        }
        catch (OperationCanceledException) when (plan.Expect == SoakExpect.Cancelled)
        {
            return null;
        }
        catch (Exception ex)
        {
            return "got " + ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>A response arrived: right only when one was expected, its content is the caller's (<paramref name="wrongContent"/> null) and it answers this call's request.</summary>
    private static string? Succeeded(SoakPlan plan, string? requestId, string? wrongContent)
    {
        if (plan.Expect != SoakExpect.Success)
        {
            return "got a response (" + (wrongContent ?? "right content") + ")";
        }

        if (wrongContent is not null)
        {
            return "got someone else's answer: " + wrongContent;
        }

        return requestId == plan.ServerRequestId && plan.Arrivals == 1
            ? null
            : "response request id " + requestId + ", but the simulator answered " + plan.Arrivals + " request(s) of this call, the last " + plan.ServerRequestId;
    }

    private static string? CheckApiError(SoakPlan plan, ApigException ex)
    {
        CountRetried(ex.Attempts);
        var got = "ApigException " + (int)ex.StatusCode + " " + (ex.ErrorCode ?? "no code") + " of " + ex.OperationId + " request id " + ex.RequestId;
        if (plan.Expect != SoakExpect.ApiError)
        {
            return "got " + got;
        }

        var right = ex.StatusCode == plan.Status
            && ex.ErrorCode == plan.Code
            && ex.OperationId == OperationId(plan.Op)
            && ex.RequestId is not null && ex.RequestId == plan.ServerRequestId && plan.Arrivals == ex.Attempts
            && plan.Fault switch
            {
                FaultMode.TooManyRequests => ex.RetryAfter == TimeSpan.FromSeconds(7),
                FaultMode.MalformedBody => ex.BodyExcerpt?.Contains("502 Bad Gateway", StringComparison.Ordinal) == true,
                _ => ex.RetryAfter is null && ex.BodyExcerpt is null,
            };
        return right ? null : "got " + got + " (simulator request id " + plan.ServerRequestId + ", " + plan.Arrivals + " arrival(s))";
    }

    private static void CountRetried(int attempts)
    {
        if (attempts > 1)
        {
            Interlocked.Increment(ref _retried);
        }
    }

    private static string? CheckTransport(SoakPlan plan, ApigTransportException ex, string? pathKey)
    {
        CountRetried(ex.Attempts);
        var got = "ApigTransportException of " + ex.OperationId + " at " + ex.Endpoint + " request id " + ex.RequestId + ": " + ex.Message;
        if (plan.Expect != SoakExpect.Transport)
        {
            return "got " + got;
        }

        var requestIdRight = plan.Fault switch
        {
            // No response arrived.
            FaultMode.DropConnection => ex.RequestId is null,
            // The headers arrived before the reset, or the reset overtook them (counted): either way no one else's id.
            FaultMode.DropMidBody when ex.RequestId is null => Interlocked.Increment(ref _resetBeforeHeaders) > 0,
            FaultMode.DropMidBody => ex.RequestId == plan.ServerRequestId && plan.Arrivals == ex.Attempts,
            _ => ex.RequestId == plan.ServerRequestId && plan.Arrivals == ex.Attempts,
        };
        var right = requestIdRight
            && !ex.IsTimeout
            && ex.OperationId == OperationId(plan.Op)
            && (pathKey is null || ex.Endpoint.EndsWith("/certificates/" + pathKey, StringComparison.Ordinal));
        return right ? null : "got " + got + " (simulator request id " + plan.ServerRequestId + ", " + plan.Arrivals + " arrival(s))";
    }

    private static string OperationId(SoakOp op) => op switch
    {
        SoakOp.Show or SoakOp.ShowMissing => "ShowDetailsOfCertificateV2",
        SoakOp.List => "ListCertificatesV2",
        SoakOp.Update => "UpdateCertificateV2",
        SoakOp.Create => "CreateCertificateV2",
        SoakOp.Delete => "DeleteCertificateV2",
        SoakOp.ListAttached => "ListAttachedDomainsV2",
        SoakOp.AttachMissingDomain => "BatchAssociateDomainsV2",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
