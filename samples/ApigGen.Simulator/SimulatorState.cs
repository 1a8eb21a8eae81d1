using System;
using System.Collections.Generic;
using System.Linq;

namespace ApigGen.Simulator;

/// <summary>A gateway instance and the URL domains bound to its API groups.</summary>
public sealed class SimulatedInstance
{
    /// <summary>Creates an instance.</summary>
    public SimulatedInstance(string id) => Id = id;

    /// <summary>The instance id.</summary>
    public string Id { get; }

    /// <summary>The URL domains of this instance, by name.</summary>
    public Dictionary<string, SimulatedDomain> Domains { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A URL domain of an instance and the certificate bound to it.</summary>
public sealed class SimulatedDomain
{
    /// <summary>Creates a domain.</summary>
    public SimulatedDomain(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The API group the domain belongs to.</summary>
    public string ApiGroupId { get; set; } = "c77f5e81d9cb4424bf704ef2b0ac7600";

    /// <summary>The API group's name.</summary>
    public string ApiGroupName { get; set; } = "api_group_001";

    /// <summary>The domain id.</summary>
    public string Id { get; }

    /// <summary>The domain name.</summary>
    public string Name { get; }

    /// <summary>The bound certificate, if any.</summary>
    public string? CertificateId { get; set; }

    /// <summary>Whether client certificates are verified.</summary>
    public bool VerifiedClientCertificateEnabled { get; set; }
}

/// <summary>An SSL certificate.</summary>
public sealed class SimulatedCertificate
{
    /// <summary>Creates a certificate.</summary>
    public SimulatedCertificate(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The certificate id.</summary>
    public string Id { get; }

    /// <summary>The certificate name.</summary>
    public string Name { get; set; }

    /// <summary><c>global</c> or <c>instance</c>.</summary>
    public string Type { get; set; } = "global";

    /// <summary>The gateway of an instance certificate; <c>common</c> for a global one.</summary>
    public string InstanceId { get; set; } = "common";

    /// <summary>The PEM certificate.</summary>
    public string CertContent { get; set; } = string.Empty;

    /// <summary>The PEM private key (never returned).</summary>
    public string PrivateKey { get; set; } = string.Empty;

    /// <summary>The trusted root CA, if any.</summary>
    public string? TrustedRootCa { get; set; }

    /// <summary>Whether a trusted root CA is configured (client certificate verification defaults to on).</summary>
    public bool HasTrustedRootCa
    {
        get => _hasTrustedRootCa || TrustedRootCa is not null;
        set => _hasTrustedRootCa = value;
    }

    private bool _hasTrustedRootCa;

    /// <summary><c>RSA</c>, <c>ECC</c> or <c>SM2</c>.</summary>
    public string AlgorithmType { get; set; } = "RSA";

    /// <summary>Subject common name read from the certificate.</summary>
    public string CommonName { get; set; } = string.Empty;

    /// <summary>Subject alternative names read from the certificate.</summary>
    public List<string> San { get; } = new();

    /// <summary>Validity start.</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>Validity end.</summary>
    public DateTimeOffset NotAfter { get; set; }

    /// <summary>Signature algorithm, e.g. <c>SHA256-RSA</c>.</summary>
    public string SignatureAlgorithm { get; set; } = "SHA256-RSA";

    /// <summary>Issuer common names.</summary>
    public List<string> Issuer { get; } = new();

    /// <summary>Serial number (hex).</summary>
    public string SerialNumber { get; set; } = string.Empty;

    /// <summary>X.509 version.</summary>
    public int Version { get; set; } = 3;

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreateTime { get; set; }

    /// <summary>Last update time.</summary>
    public DateTimeOffset UpdateTime { get; set; }
}

/// <summary>
/// The simulator's in-memory world: project, credentials, instances, domains and certificates. Thread-safe through
/// one lock; tests read and arrange it directly.
/// </summary>
public sealed class SimulatorState
{
    /// <summary>The project id of the seeded world.</summary>
    public const string DefaultProjectId = "0123456789abcdef0123456789abcdef";

    /// <summary>A token the simulator accepts.</summary>
    public const string DefaultToken = "simulator-token";

    /// <summary>An access key the simulator accepts.</summary>
    public const string DefaultAccessKey = "AKTESTAKTESTAKTEST12";

    /// <summary>The secret key of <see cref="DefaultAccessKey"/>.</summary>
    public const string DefaultSecretKey = "SKtestSKtestSKtestSKtestSKtestSKtest1234";

    /// <summary>The seeded certificate.</summary>
    public const string DefaultCertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00";

    /// <summary>The seeded gateway instances.</summary>
    public static readonly string[] DefaultInstanceIds = { "f0fa1789-3b76-433b-a787-9892951c620e", "7d39549681c54d968ec2910da9da95cd" };

    /// <summary>The seeded URL domain, present on both instances.</summary>
    public const string DefaultDomain = "apigtest.example.com";

    /// <summary>Creates the seeded world.</summary>
    public SimulatorState()
    {
        Tokens.Add(DefaultToken);
        AccessKeys[DefaultAccessKey] = DefaultSecretKey;
        Certificates[DefaultCertificateId] = new SimulatedCertificate(DefaultCertificateId, "simulator_cert");
        var n = 0;
        foreach (var id in DefaultInstanceIds)
        {
            var instance = new SimulatedInstance(id);
            instance.Domains[DefaultDomain] = new SimulatedDomain("domain" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture), DefaultDomain);
            Instances[id] = instance;
        }
    }

    /// <summary>The lock guarding every collection here.</summary>
    public object Sync { get; } = new();

    /// <summary>The project whose resources exist; other project ids get 403.</summary>
    public string ProjectId { get; set; } = DefaultProjectId;

    /// <summary>Accepted <c>X-Auth-Token</c> values.</summary>
    public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Accepted access keys and their secret keys.</summary>
    public Dictionary<string, string> AccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Access keys that are temporary, and the <c>X-Security-Token</c> each must come with.</summary>
    public Dictionary<string, string> SecurityTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>What the ECS metadata routes hand out (<c>/openstack/latest/securitykey</c>); null answers 404 (no agency).</summary>
    public TemporaryCredentials? MetadataCredentials { get; set; }

    /// <summary>Whether the metadata service issues session tokens (<c>PUT /meta-data/latest/api/token</c>) and requires one; else that route answers 404.</summary>
    public bool MetadataRequiresSessionToken { get; set; } = true;

    /// <summary>How many times <c>/openstack/latest/securitykey</c> was read with success.</summary>
    public int MetadataReads { get; set; }

    /// <summary>Issues temporary credentials: accepted from now on with their security token, and served by the metadata routes.</summary>
    public TemporaryCredentials IssueTemporaryCredentials(string accessKey, string secretKey, string securityToken, DateTimeOffset expiresAt)
    {
        lock (Sync)
        {
            AccessKeys[accessKey] = secretKey;
            SecurityTokens[accessKey] = securityToken;
            MetadataCredentials = new TemporaryCredentials(accessKey, secretKey, securityToken, expiresAt);
            return MetadataCredentials;
        }
    }

    /// <summary>Revokes an access key: requests signed with it get 401.</summary>
    public void Revoke(string accessKey)
    {
        lock (Sync)
        {
            AccessKeys.Remove(accessKey);
            SecurityTokens.Remove(accessKey);
        }
    }

    /// <summary>Gateway instances by id.</summary>
    public Dictionary<string, SimulatedInstance> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>Certificates by id.</summary>
    public Dictionary<string, SimulatedCertificate> Certificates { get; } = new(StringComparer.Ordinal);

    /// <summary>The certificate bound to <paramref name="domain"/> on <paramref name="instanceId"/>, or null.</summary>
    public string? BoundCertificate(string instanceId, string domain)
    {
        lock (Sync)
        {
            return Instances.TryGetValue(instanceId, out var instance) && instance.Domains.TryGetValue(domain, out var d) ? d.CertificateId : null;
        }
    }

    /// <summary>How many (instance, domain) pairs have <paramref name="certificateId"/> bound.</summary>
    public int BindingCount(string certificateId)
    {
        lock (Sync)
        {
            return Instances.Values.SelectMany(i => i.Domains.Values).Count(d => d.CertificateId == certificateId);
        }
    }
}

/// <summary>Temporary AK/SK with their security token and expiry, as the ECS metadata service serves them.</summary>
public sealed record TemporaryCredentials(string AccessKey, string SecretKey, string SecurityToken, DateTimeOffset ExpiresAt);
