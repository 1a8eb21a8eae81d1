using System;
using System.Collections.Generic;
using System.Text;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>SDK-HMAC-SHA256 against the worked example of the reference, and the canonical forms it builds on.</summary>
public sealed class SignerTests
{
    private const string Body = "{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}";
    private const string Path = "/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach";

    private static readonly KeyValuePair<string, string>[] Headers =
    {
        new("Host", "apig.cn-north-4.myhuaweicloud.com"),
        new("X-Sdk-Date", "20261128T010203Z"),
    };

    [Fact]
    public void WorkedExampleCanonicalRequest()
    {
        var canonical = SdkHmacSha256Signer.CanonicalRequest("POST", Path, string.Empty, Headers, SdkHmacSha256Signer.HexSha256(Encoding.UTF8.GetBytes(Body)), out var signed);
        Assert.Equal(
            "POST\n" + Path + "/\n\nhost:apig.cn-north-4.myhuaweicloud.com\nx-sdk-date:20261128T010203Z\n\nhost;x-sdk-date\n2aea177ed8591b5877ff2ce74cf837f9b5f84dc56a45c1ead2241d931a6dd6cc",
            canonical);
        Assert.Equal("host;x-sdk-date", signed);
    }

    [Fact]
    public void WorkedExampleStringToSign()
    {
        var canonical = SdkHmacSha256Signer.CanonicalRequest("POST", Path, string.Empty, Headers, SdkHmacSha256Signer.HexSha256(Encoding.UTF8.GetBytes(Body)), out _);
        Assert.Equal("SDK-HMAC-SHA256\n20261128T010203Z\n757ebe4d15ebf6363dcf66bfc1b7882fe096e59f90b0b8f16acf75d17ee13b1f", SdkHmacSha256Signer.StringToSign("20261128T010203Z", canonical));
    }

    [Fact]
    public void WorkedExampleAuthorization()
    {
        var authorization = SdkHmacSha256Signer.Authorize("POST", Path, string.Empty, Headers, "20261128T010203Z", SdkHmacSha256Signer.HexSha256(Encoding.UTF8.GetBytes(Body)), "AKTESTAKTESTAKTEST12", "SKtestSKtestSKtestSKtestSKtestSKtest1234");
        Assert.Equal("SDK-HMAC-SHA256 Access=AKTESTAKTESTAKTEST12, SignedHeaders=host;x-sdk-date, Signature=36c89f447e900e21473c1e6ea9c62fde491cd1594e702c23e74eeb01623c4faa", authorization);
    }

    [Fact]
    public void EmptyBodyHash()
    {
        // The signer answers an empty body from a constant: it must be the platform's SHA-256 of nothing.
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SdkHmacSha256Signer.HexSha256(ReadOnlySpan<byte>.Empty));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Array.Empty<byte>())).ToLowerInvariant(), SdkHmacSha256Signer.HexSha256(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void DateFormatIsUtc() =>
        Assert.Equal("20261128T010203Z", SdkHmacSha256Signer.FormatDate(new DateTimeOffset(2026, 11, 28, 9, 2, 3, TimeSpan.FromHours(8))));

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("k=2&k=1&k=10", "k=1&k=10&k=2")]
    [InlineData("empty=&flag", "empty=&flag=")]
    [InlineData("q=a+b&r=a%2Bb", "q=a%20b&r=a%2Bb")]
    [InlineData("name=%E4%B8%AD%E6%96%87&sp=a%20b", "name=%E4%B8%AD%E6%96%87&sp=a%20b")]
    [InlineData("t=~-_.*", "t=~-_.%2A")]
    public void CanonicalQuerySortsDecodesAndReencodes(string query, string expected)
    {
        var canonical = SdkHmacSha256Signer.CanonicalRequest("GET", "/x", query, Headers, "h", out _);
        Assert.Equal(expected, canonical.Split('\n')[2]);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b", "/a/b/")]
    [InlineData("/a/b/", "/a/b/")]
    // The reference decodes the whole path, then splits it: an encoded '/' in a value separates segments.
    [InlineData("/a%20b/c%2Fd", "/a%20b/c/d/")]
    [InlineData("/v2/p/x/a%2Fb%25c%20d+e~f%E2%82%AC", "/v2/p/x/a/b%25c%20d%2Be~f%E2%82%AC/")]
    [InlineData("/x/%2F%2F", "/x///")]
    [InlineData("/%e4%b8%ad", "/%E4%B8%AD/")]
    [InlineData("/a:b@c", "/a%3Ab%40c/")]
    public void CanonicalPathEncodesEverySegment(string path, string expected)
    {
        var canonical = SdkHmacSha256Signer.CanonicalRequest("GET", path, string.Empty, Headers, "h", out _);
        Assert.Equal(expected, canonical.Split('\n')[1]);
    }

    [Fact]
    public void ContentTypeAndUnderscoreHeadersAreNotSigned()
    {
        var headers = new List<KeyValuePair<string, string>>(Headers)
        {
            new("Content-Type", "application/json"),
            new("X_Odd", "1"),
            new("X-Project-Id", "  p  "),
        };
        var canonical = SdkHmacSha256Signer.CanonicalRequest("GET", "/", string.Empty, headers, "h", out var signed);
        Assert.Equal("host;x-project-id;x-sdk-date", signed);
        Assert.Contains("x-project-id:p\n", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void SortedLowerCaseHeadersAndAnyOtherOrderSignTheSame()
    {
        var sorted = new KeyValuePair<string, string>[] { new("host", "h:8080"), new("x-project-id", "p"), new("x-sdk-date", "20261128T010203Z") };
        var shuffled = new KeyValuePair<string, string>[] { new("X-Sdk-Date", "20261128T010203Z"), new("Content-Type", "application/json"), new("HOST", "h:8080"), new("X-Project-Id", "p") };
        var a = SdkHmacSha256Signer.Authorize("post", "/a/b", "z=1&a=2", sorted, "20261128T010203Z", "h", "AK", "SK");
        var b = SdkHmacSha256Signer.Authorize("POST", "/a/b", "z=1&a=2", shuffled, "20261128T010203Z", "h", "AK", "SK");
        Assert.Equal(a, b);
        Assert.Contains("SignedHeaders=host;x-project-id;x-sdk-date,", a, StringComparison.Ordinal);
    }

    [Fact]
    public void LongUnicodeCanonicalRequestsHashLikeTheirText()
    {
        // Over 256 characters with surrogate pairs at chunk borders: the streamed hash must equal the hash of the whole text.
        var path = "/" + string.Concat(System.Linq.Enumerable.Repeat("%F0%9F%98%80%E4%B8%AD", 200));
        var canonical = SdkHmacSha256Signer.CanonicalRequest("GET", path, string.Empty, Headers, "h", out _);
        var expected = SdkHmacSha256Signer.StringToSign("20261128T010203Z", canonical);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("SK"), Encoding.UTF8.GetBytes(expected));
        var authorization = SdkHmacSha256Signer.Authorize("GET", path, string.Empty, Headers, "20261128T010203Z", "h", "AK", "SK");
        Assert.EndsWith("Signature=" + Convert.ToHexStringLower(mac), authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherSecretKeyOnTheSameThreadSignsWithItsOwnKey()
    {
        var one = SdkHmacSha256Signer.Authorize("GET", "/", string.Empty, Headers, "20261128T010203Z", "h", "AK", "SK-one");
        var two = SdkHmacSha256Signer.Authorize("GET", "/", string.Empty, Headers, "20261128T010203Z", "h", "AK", "SK-two");
        var oneAgain = SdkHmacSha256Signer.Authorize("GET", "/", string.Empty, Headers, "20261128T010203Z", "h", "AK", new string("SK-one".ToCharArray()));
        Assert.NotEqual(one, two);
        Assert.Equal(one, oneAgain);
    }
}
