using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApigGen.EndToEnd.Tests;

/// <summary>Real self-signed certificates and keys in PEM, made with the BCL.</summary>
internal static class TestCertificates
{
    public static (string CertificatePem, string PrivateKeyPem, DateTimeOffset NotAfter) Create(string commonName = "apigtest.example.com")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(commonName);
        san.AddDnsName("www." + commonName);
        request.CertificateExtensions.Add(san.Build());
        var notAfter = new DateTimeOffset(DateTime.UtcNow.Date.AddYears(1), TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), notAfter);
    }
}
