using System;
using System.Globalization;
using System.Net;
using System.Threading;
using ApigGen.Simulator;

namespace ApigGen.Benchmarks.Soak;

/// <summary>The operations of the certificate family a soak caller makes.</summary>
internal enum SoakOp
{
    /// <summary>ShowDetailsOfCertificateV2 of the caller's own certificate: its id and current name come back.</summary>
    Show,

    /// <summary>ListCertificatesV2 filtered by the caller's name prefix: exactly its own certificates come back.</summary>
    List,

    /// <summary>UpdateCertificateV2 of the caller's own certificate with a new name: the new name comes back.</summary>
    Update,

    /// <summary>CreateCertificateV2 of a temporary certificate with a name unique to the call.</summary>
    Create,

    /// <summary>DeleteCertificateV2 of the caller's temporary certificate: 204.</summary>
    Delete,

    /// <summary>ListAttachedDomainsV2 of the caller's own certificate: none bound.</summary>
    ListAttached,

    /// <summary>BatchAssociateDomainsV2 of the caller's certificate with a domain that exists nowhere: 404 APIG.3020.</summary>
    AttachMissingDomain,

    /// <summary>ShowDetailsOfCertificateV2 of an id unique to the call that does not exist: 404 APIG.3023.</summary>
    ShowMissing,
}

/// <summary>What a call must end in.</summary>
internal enum SoakExpect
{
    /// <summary>The operation's own response, checked against the caller's data.</summary>
    Success,

    /// <summary>An <see cref="ApigException"/> with <see cref="SoakPlan.Status"/> and <see cref="SoakPlan.Code"/>.</summary>
    ApiError,

    /// <summary>An <see cref="ApigTransportException"/>.</summary>
    Transport,

    /// <summary>An <see cref="OperationCanceledException"/> (the caller cancels a call the simulator never answers).</summary>
    Cancelled,
}

/// <summary>
/// One call: its operation, the simulator fault chosen for it, what it must end in, and what the simulator's fault
/// chooser saw of it (the request id it will answer with, how many times the request arrived).
/// </summary>
internal sealed class SoakPlan
{
    private string? _serverRequestId;
    private int _arrivals;

    public SoakPlan(SoakOp op, FaultMode fault, long seq)
    {
        Op = op;
        Fault = fault;
        Seq = seq;
        (Expect, Status, Code) = ExpectedOutcome(op, fault);
    }

    public SoakOp Op { get; }

    public FaultMode Fault { get; }

    /// <summary>The caller's call number, unique per caller; the call-unique names and ids carry it.</summary>
    public long Seq { get; }

    public SoakExpect Expect { get; }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    /// <summary>The <c>X-Request-Id</c> the simulator gave this call's (last) request.</summary>
    public string? ServerRequestId => Volatile.Read(ref _serverRequestId);

    /// <summary>How many requests of this call reached the simulator (HttpClient may resend one whose connection dropped).</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>Called by the simulator's fault chooser when a request of this call arrives.</summary>
    public void Arrived(string requestId)
    {
        Volatile.Write(ref _serverRequestId, requestId);
        Interlocked.Increment(ref _arrivals);
    }

    /// <summary>Whether <paramref name="fault"/> can be applied to <paramref name="op"/> with an outcome the caller can predict.</summary>
    public static bool Fits(SoakOp op, FaultMode fault) => fault switch
    {
        // 200 with a body that is not the operation's: only operations that read a JSON body notice it.
        FaultMode.TruncatedSuccessBody or FaultMode.TrailingContentAfterBody => op is SoakOp.Show or SoakOp.List or SoakOp.Update or SoakOp.Create or SoakOp.ListAttached,
        // Only the two certificate lists have mandatory response members (size and total).
        FaultMode.MissingMandatoryMember => op is SoakOp.List or SoakOp.ListAttached,
        // Hang calls use a key of their own (see SoakCaller.KeyFor), so that a late request never meets a later call.
        FaultMode.Hang => op is SoakOp.Show or SoakOp.List,
        _ => true,
    };

    private static (SoakExpect, HttpStatusCode, string?) ExpectedOutcome(SoakOp op, FaultMode fault) => fault switch
    {
        FaultMode.ServerError => (SoakExpect.ApiError, HttpStatusCode.InternalServerError, "APIG.9999"),
        FaultMode.TooManyRequests => (SoakExpect.ApiError, HttpStatusCode.TooManyRequests, "APIG.1101"),
        FaultMode.MalformedBody => (SoakExpect.ApiError, HttpStatusCode.BadGateway, null),
        FaultMode.TruncatedSuccessBody or FaultMode.TrailingContentAfterBody or FaultMode.MissingMandatoryMember
            or FaultMode.DropConnection or FaultMode.DropMidBody => (SoakExpect.Transport, 0, null),
        FaultMode.Hang => (SoakExpect.Cancelled, 0, null),
        // None and SlowBody: what the operation itself answers.
        _ => op switch
        {
            SoakOp.ShowMissing => (SoakExpect.ApiError, HttpStatusCode.NotFound, "APIG.3023"),
            SoakOp.AttachMissingDomain => (SoakExpect.ApiError, HttpStatusCode.NotFound, "APIG.3020"),
            _ => (SoakExpect.Success, 0, null),
        },
    };

    public override string ToString() =>
        Op + " #" + Seq.ToString(CultureInfo.InvariantCulture) + " with fault " + Fault + " (expected " + Expect
        + (Expect == SoakExpect.ApiError ? " " + (int)Status + " " + (Code ?? "no code") : string.Empty) + ")";
}
