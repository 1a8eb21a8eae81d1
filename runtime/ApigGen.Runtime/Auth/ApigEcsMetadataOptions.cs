using System;

namespace ApigGen;

/// <summary>Where <see cref="ApigCredentials.FromEcsMetadata"/> reads temporary credentials, and how patiently.</summary>
public sealed class ApigEcsMetadataOptions
{
    /// <summary>The address of the ECS metadata service on Huawei Cloud: <c>http://169.254.169.254</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("http://169.254.169.254");

    /// <summary>The metadata service's base address; default <see cref="DefaultEndpoint"/>. Requests to it never go through a proxy.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>How long one read from the metadata service may take; default 3 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long before they expire the credentials are read again; default <see cref="ApigCredentials.DefaultRefreshBefore"/>.</summary>
    public TimeSpan RefreshBefore { get; set; } = ApigCredentials.DefaultRefreshBefore;

    /// <inheritdoc />
    public override string ToString() => $"ApigEcsMetadataOptions {{ Endpoint = {Endpoint}, Timeout = {Timeout}, RefreshBefore = {RefreshBefore} }}";
}
