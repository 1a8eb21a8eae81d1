using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApigGen.Simulator;

/// <summary>
/// The certificate family of APIG v2 over the simulator's state: create, list, show, update and delete certificates;
/// bind, unbind and list the domain names bound to them. Validation and error answers follow the reference where it
/// says how; where it does not, the choice is marked "Assumption" here (error codes for missing certificates and
/// instances, duplicate names, deleting a bound certificate, invalid PEM; filter semantics).
/// </summary>
internal sealed class CertificateApi
{
    private static readonly Regex NamePattern = new("^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]{3,49}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] Types = { "instance", "global" };
    private static readonly string[] Algorithms = { "RSA", "ECC", "SM2" };

    private readonly SimulatorState _state;
    private readonly TimeProvider _time;
    private long _ids;

    public CertificateApi(SimulatorState state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>Routes a request below <c>/v2/{project_id}/apigw/</c>; <paramref name="path"/> holds the decoded segments after it.</summary>
    public ApiResult Handle(string method, string[] path, IReadOnlyList<KeyValuePair<string, string>> query, byte[] body)
    {
        if (path.Length == 0 || path[0] != "certificates")
        {
            return ApiResult.ApiNotFound;
        }

        return (method, path.Length) switch
        {
            ("POST", 1) => Create(body),
            ("GET", 1) => List(query),
            ("GET", 2) => Show(path[1]),
            ("PUT", 2) => Update(path[1], body),
            ("DELETE", 2) => Delete(path[1]),
            ("POST", 4) when path[2] == "domains" && path[3] == "attach" => Bind(path[1], body, attach: true),
            ("POST", 4) when path[2] == "domains" && path[3] == "detach" => Bind(path[1], body, attach: false),
            ("GET", 3) when path[2] == "attached-domains" => ListAttached(path[1], query),
            _ => ApiResult.ApiNotFound,
        };
    }

    private ApiResult Create(byte[] body)
    {
        var form = ReadForm(body, out var invalid);
        if (form is null)
        {
            return invalid!;
        }

        lock (_state.Sync)
        {
            if (CheckForm(form, null) is { } failure)
            {
                return failure;
            }

            var now = _time.GetUtcNow();
            var id = NewId();
            var certificate = new SimulatedCertificate(id, form.Name) { CreateTime = now };
            Apply(certificate, form, now);
            _state.Certificates[id] = certificate;
            return ApiResult.Ok(Detail(certificate));
        }
    }

    private ApiResult Update(string id, byte[] body)
    {
        var form = ReadForm(body, out var invalid);
        if (form is null)
        {
            return invalid!;
        }

        lock (_state.Sync)
        {
            if (!_state.Certificates.TryGetValue(id, out var certificate))
            {
                return ApiResult.CertificateNotFound;
            }

            if (CheckForm(form, id) is { } failure)
            {
                return failure;
            }

            certificate.Name = form.Name;
            Apply(certificate, form, _time.GetUtcNow());
            return ApiResult.Ok(Detail(certificate));
        }
    }

    private ApiResult Show(string id)
    {
        lock (_state.Sync)
        {
            return _state.Certificates.TryGetValue(id, out var certificate) ? ApiResult.Ok(Detail(certificate)) : ApiResult.CertificateNotFound;
        }
    }

    private ApiResult Delete(string id)
    {
        lock (_state.Sync)
        {
            if (!_state.Certificates.ContainsKey(id))
            {
                return ApiResult.CertificateNotFound;
            }

            if (_state.BindingCount(id) > 0)
            {
                // Assumption: the reference says only that a bound certificate cannot be deleted, not how APIG answers.
                return ApiResult.Error(409, "APIG.3475", "The certificate is bound to domain names and cannot be deleted");
            }

            _state.Certificates.Remove(id);
            return ApiResult.NoContent;
        }
    }

    private ApiResult List(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (!Paging(query, out var offset, out var limit, out var invalid))
        {
            return invalid!;
        }

        var instanceId = Single(query, "instance_id");
        if (string.IsNullOrEmpty(instanceId))
        {
            return ApiResult.InvalidParameter("instance_id");
        }

        var type = Single(query, "type");
        var algorithm = Single(query, "algorithm_type");
        if ((type is not null && !Types.Contains(type)) || (algorithm is not null && !Algorithms.Contains(algorithm)))
        {
            return ApiResult.InvalidParameter(type is not null && !Types.Contains(type) ? "type" : "algorithm_type");
        }

        var name = Single(query, "name");
        var commonName = Single(query, "common_name");
        var signature = Single(query, "signature_algorithm");
        lock (_state.Sync)
        {
            if (!_state.Instances.ContainsKey(instanceId))
            {
                return ApiResult.InstanceNotFound;
            }

            // Assumption: a gateway sees the global certificates and its own; name filters match substrings.
            var matches = _state.Certificates.Values
                .Where(c => c.Type == "global" || c.InstanceId == instanceId)
                .Where(c => name is null || c.Name.Contains(name, StringComparison.Ordinal))
                .Where(c => commonName is null || c.CommonName.Contains(commonName, StringComparison.Ordinal))
                .Where(c => signature is null || c.SignatureAlgorithm == signature)
                .Where(c => type is null || c.Type == type)
                .Where(c => algorithm is null || c.AlgorithmType == algorithm)
                .OrderBy(c => c.CreateTime)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList();
            var page = new JsonArray(matches.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).Select(c => (JsonNode)Base(c)).ToArray());
            return ApiResult.Ok(new JsonObject { ["size"] = page.Count, ["total"] = matches.Count, ["certs"] = page });
        }
    }

    private ApiResult ListAttached(string id, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (!Paging(query, out var offset, out var limit, out var invalid))
        {
            return invalid!;
        }

        var filter = Single(query, "url_domain");
        lock (_state.Sync)
        {
            if (!_state.Certificates.TryGetValue(id, out var certificate))
            {
                return ApiResult.CertificateNotFound;
            }

            var bound = _state.Instances.Values
                .OrderBy(i => i.Id, StringComparer.Ordinal)
                .SelectMany(i => i.Domains.Values.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => (Instance: i, Domain: d)))
                .Where(x => x.Domain.CertificateId == id && (filter is null || x.Domain.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var page = new JsonArray(bound.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).Select(x => (JsonNode)new JsonObject
            {
                ["url_domain"] = x.Domain.Name,
                ["id"] = x.Domain.Id,
                ["status"] = 3,
                ["min_ssl_version"] = "TLSv1.2",
                ["is_http_redirect_to_https"] = false,
                ["verified_client_certificate_enabled"] = x.Domain.VerifiedClientCertificateEnabled,
                ["ingress_http_port"] = -1,
                ["ingress_https_port"] = -1,
                ["ssl_id"] = certificate.Id,
                ["ssl_name"] = certificate.Name,
                ["api_group_id"] = x.Domain.ApiGroupId,
                ["api_group_name"] = x.Domain.ApiGroupName,
                ["instance_id"] = x.Instance.Id,
            }).ToArray());
            return ApiResult.Ok(new JsonObject { ["size"] = page.Count, ["total"] = bound.Count, ["bound_domains"] = page });
        }
    }

    private ApiResult Bind(string certificateId, byte[] body, bool attach)
    {
        var items = new List<(string Domain, string[]? InstanceIds, bool? Verified)>();
        string? invalid = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("domains", out var domains) || domains.ValueKind != JsonValueKind.Array || domains.GetArrayLength() == 0)
            {
                invalid = "domains";
            }
            else
            {
                foreach (var item in domains.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("domain", out var domain) || domain.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(domain.GetString()))
                    {
                        invalid = "domain";
                        break;
                    }

                    string[]? instanceIds = null;
                    if (item.TryGetProperty("instance_ids", out var ids))
                    {
                        if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                        {
                            invalid = "instance_ids";
                            break;
                        }

                        instanceIds = ids.EnumerateArray().Select(i => i.GetString()!).ToArray();
                    }

                    bool? verified = null;
                    if (item.TryGetProperty("verified_client_certificate_enabled", out var flag))
                    {
                        if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        {
                            invalid = "verified_client_certificate_enabled";
                            break;
                        }

                        verified = flag.GetBoolean();
                    }

                    items.Add((domain.GetString()!, instanceIds, verified));
                }
            }
        }
        catch (JsonException)
        {
            invalid = "domains";
        }

        if (invalid is not null)
        {
            return ApiResult.InvalidParameter(invalid);
        }

        lock (_state.Sync)
        {
            if (!_state.Certificates.TryGetValue(certificateId, out var certificate))
            {
                return ApiResult.CertificateNotFound;
            }

            var targets = new List<(SimulatedDomain Domain, bool? Verified)>();
            foreach (var (domain, instanceIds, verified) in items)
            {
                IEnumerable<SimulatedInstance> instances;
                if (instanceIds is not null)
                {
                    if (instanceIds.Any(id => !_state.Instances.ContainsKey(id)))
                    {
                        return ApiResult.InstanceNotFound;
                    }

                    instances = instanceIds.Distinct().Select(id => _state.Instances[id]);
                }
                else
                {
                    instances = _state.Instances.Values;
                }

                var found = instances.Where(i => i.Domains.ContainsKey(domain)).Select(i => i.Domains[domain]).ToList();
                if (found.Count == 0 || (instanceIds is not null && found.Count != instanceIds.Distinct().Count()))
                {
                    return ApiResult.DomainNotFound;
                }

                targets.AddRange(found.Select(d => (d, verified)));
            }

            // All checked first: a failing item changes nothing.
            foreach (var (domain, verified) in targets)
            {
                if (attach)
                {
                    domain.CertificateId = certificateId;
                    domain.VerifiedClientCertificateEnabled = verified ?? certificate.HasTrustedRootCa;
                }
                else if (domain.CertificateId == certificateId)
                {
                    domain.CertificateId = null;
                    domain.VerifiedClientCertificateEnabled = false;
                }
            }

            return ApiResult.NoContent;
        }
    }

    private sealed record Form(string Name, string CertContent, string PrivateKey, string Type, string? InstanceId, string? TrustedRootCa, string AlgorithmType, string? CertContentSign, string? PrivateKeySign);

    private static Form? ReadForm(byte[] body, out ApiResult? invalid)
    {
        invalid = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                invalid = ApiResult.InvalidParameter("name");
                return null;
            }

            string? Text(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException(name);
            }

            var form = new Form(
                Text("name") ?? string.Empty,
                Text("cert_content") ?? string.Empty,
                Text("private_key") ?? string.Empty,
                Text("type") ?? "global",
                Text("instance_id"),
                Text("trusted_root_ca"),
                Text("algorithm_type") ?? "RSA",
                Text("cert_content_sign"),
                Text("private_key_sign"));
            var problem =
                !NamePattern.IsMatch(form.Name) ? "name"
                : form.CertContent.Length == 0 ? "cert_content"
                : form.PrivateKey.Length == 0 ? "private_key"
                : !Types.Contains(form.Type) ? "type"
                : form.Type == "instance" && string.IsNullOrEmpty(form.InstanceId) ? "instance_id"
                : !Algorithms.Contains(form.AlgorithmType) ? "algorithm_type"
                : form.AlgorithmType == "SM2" && string.IsNullOrEmpty(form.CertContentSign) ? "cert_content_sign"
                : form.AlgorithmType == "SM2" && string.IsNullOrEmpty(form.PrivateKeySign) ? "private_key_sign"
                : (form.CertContentSign?.Length ?? 0) > 8092 ? "cert_content_sign"
                : (form.PrivateKeySign?.Length ?? 0) > 8092 ? "private_key_sign"
                : null;
            if (problem is not null)
            {
                invalid = ApiResult.InvalidParameter(problem);
                return null;
            }

            return form;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            invalid = ApiResult.InvalidParameter(ex is FormatException ? ex.Message : "name");
            return null;
        }
    }

    /// <summary>Checks what needs the state: the gateway, a unique name, a certificate and key that parse and match.</summary>
    private ApiResult? CheckForm(Form form, string? updating)
    {
        if (form.Type == "instance" && !_state.Instances.ContainsKey(form.InstanceId!))
        {
            return ApiResult.InstanceNotFound;
        }

        if (_state.Certificates.Values.Any(c => c.Name == form.Name && c.Id != updating))
        {
            // Assumption: the status and code of a duplicate name are not in the reference.
            return ApiResult.Error(409, "APIG.3474", "The certificate name already exists");
        }

        if (form.AlgorithmType != "SM2")
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(form.CertContent, form.PrivateKey);
            }
            catch (CryptographicException)
            {
                // Assumption: the status and code of an unusable PEM are not in the reference.
                return ApiResult.Error(400, "APIG.3476", "The certificate content or private key is invalid, or they do not match");
            }
        }

        return null;
    }

    private static void Apply(SimulatedCertificate certificate, Form form, DateTimeOffset now)
    {
        certificate.Type = form.Type;
        certificate.InstanceId = form.Type == "instance" ? form.InstanceId! : "common";
        certificate.CertContent = form.CertContent;
        certificate.PrivateKey = form.PrivateKey;
        certificate.TrustedRootCa = form.TrustedRootCa;
        certificate.AlgorithmType = form.AlgorithmType;
        certificate.UpdateTime = now;
        certificate.San.Clear();
        certificate.Issuer.Clear();
        if (form.AlgorithmType == "SM2")
        {
            certificate.CommonName = form.Name;
            certificate.SignatureAlgorithm = "SM2-SM3";
            certificate.NotBefore = now;
            certificate.NotAfter = now.AddYears(1);
            return;
        }

        using var x509 = X509Certificate2.CreateFromPem(form.CertContent);
        certificate.CommonName = x509.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        certificate.Issuer.Add(x509.GetNameInfo(X509NameType.SimpleName, forIssuer: true));
        certificate.NotBefore = new DateTimeOffset(x509.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        certificate.NotAfter = new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        certificate.SerialNumber = x509.SerialNumber;
        certificate.Version = x509.Version;
        certificate.SignatureAlgorithm = x509.SignatureAlgorithm.FriendlyName ?? x509.SignatureAlgorithm.Value ?? "unknown";
        foreach (var extension in x509.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            certificate.San.AddRange(extension.EnumerateDnsNames());
        }
    }

    private static JsonObject Base(SimulatedCertificate c) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["type"] = c.Type,
        ["instance_id"] = c.InstanceId,
        ["project_id"] = SimulatorState.DefaultProjectId,
        ["common_name"] = c.CommonName,
        ["san"] = new JsonArray(c.San.Select(s => (JsonNode)s).ToArray()),
        ["not_after"] = c.NotAfter.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["not_before"] = c.NotBefore.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["create_time"] = c.CreateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["update_time"] = c.UpdateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["signature_algorithm"] = c.SignatureAlgorithm,
        ["is_has_trusted_root_ca"] = c.HasTrustedRootCa,
        ["algorithm_type"] = c.AlgorithmType,
    };

    private static JsonObject Detail(SimulatedCertificate c)
    {
        var detail = Base(c);
        detail["version"] = c.Version;
        detail["organization"] = new JsonArray();
        detail["organizational_unit"] = new JsonArray();
        detail["locality"] = new JsonArray();
        detail["state"] = new JsonArray();
        detail["country"] = new JsonArray();
        detail["issuer"] = new JsonArray(c.Issuer.Select(s => (JsonNode)s).ToArray());
        detail["serial_number"] = c.SerialNumber;
        return detail;
    }

    private static bool Paging(IReadOnlyList<KeyValuePair<string, string>> query, out long offset, out int limit, out ApiResult? invalid)
    {
        offset = 0;
        limit = 20;
        invalid = null;
        if (Single(query, "offset") is { } offsetText)
        {
            if (!long.TryParse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset))
            {
                invalid = ApiResult.InvalidParameter("offset");
                return false;
            }

            offset = Math.Max(0, offset); // "below 0 treated as 0"
        }

        if (Single(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 500))
        {
            invalid = ApiResult.InvalidParameter("limit");
            return false;
        }

        return true;
    }

    private static string? Single(IReadOnlyList<KeyValuePair<string, string>> query, string name)
    {
        foreach (var pair in query)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private string NewId() => System.Threading.Interlocked.Increment(ref _ids).ToString("x8", CultureInfo.InvariantCulture) + "a1b2c3d4e5f60718293a4b5c";
}
