using System;
using Xunit;

namespace ApigGen.Runtime.Tests;

[Collection(EnvironmentCollection.Name)]
public sealed class OptionsTests
{
    private static ApigClientOptions Valid() => new()
    {
        Region = "cn-north-4",
        ProjectId = "p1",
        Credentials = ApigCredentials.Token("t"),
    };

    /// <summary>The valid options with <paramref name="endpoint"/> instead of a region.</summary>
    private static ApigClientOptions WithEndpoint(string endpoint)
    {
        var options = Valid();
        options.Region = null;
        options.Endpoint = new Uri(endpoint);
        return options;
    }

    [Theory]
    [InlineData("cn-north-4", "https://apig.cn-north-4.myhuaweicloud.com")]
    [InlineData("ap-southeast-1", "https://apig.ap-southeast-1.myhuaweicloud.com")]
    [InlineData("eu-west-101", "https://apig.eu-west-101.myhuaweicloud.eu")]
    public void RegionBecomesTheEndpoint(string region, string expected)
    {
        var options = Valid();
        options.Region = region;
        Assert.Equal(expected, options.Resolve().BaseAddress);
    }

    [Fact]
    public void EndpointKeepsItsPortAndPathWithoutTrailingSlash()
    {
        var options = WithEndpoint("http://127.0.0.1:8080/prefix/");
        Assert.Equal("http://127.0.0.1:8080/prefix", options.Resolve().BaseAddress);

        // The signed path of a request starts at the prefix, not after it.
        Assert.Equal("http://127.0.0.1:8080".Length, options.Resolve().PathStart);
        options.Endpoint = new Uri("http://127.0.0.1:8080");
        Assert.Equal("http://127.0.0.1:8080".Length, options.Resolve().PathStart);
    }

    [Theory]
    [InlineData("CN-NORTH-4")]
    [InlineData("cn north")]
    [InlineData("evil.com/x")]
    [InlineData("")]
    public void InvalidRegionIsRejectedNamingTheProperty(string region)
    {
        var options = Valid();
        options.Region = region;
        var ex = Assert.Throws<ArgumentException>(() => options.Resolve());
        Assert.Equal("Region", ex.ParamName);
        Assert.Contains("^[a-z0-9-]+$", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointAndRegionTogetherAreContradictory()
    {
        var options = Valid();
        options.Endpoint = new Uri("https://example.com");
        var ex = Assert.Throws<ArgumentException>(() => options.Resolve());
        Assert.Contains("either Endpoint or Region", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeitherEndpointNorRegion()
    {
        var options = Valid();
        options.Region = null;
        Assert.Contains("Region", Assert.Throws<ArgumentException>(() => options.Resolve()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/?a=1")]
    public void EndpointMustBeHttpWithoutQuery(string endpoint)
    {
        var options = WithEndpoint(endpoint);
        Assert.Equal("Endpoint", Assert.Throws<ArgumentException>(() => options.Resolve()).ParamName);
    }

    [Theory]
    [InlineData("https://user:secret-pw@apig.example.com")]
    [InlineData("https://secret-pw@apig.example.com:8443/base")]
    public void EndpointWithUserInformationIsRefusedWithoutEchoingIt(string endpoint)
    {
        var options = WithEndpoint(endpoint);

        var exception = Assert.Throws<ArgumentException>(() => options.Resolve());

        Assert.Equal("Endpoint", exception.ParamName);
        Assert.StartsWith("ApigClientOptions.Endpoint must not carry user information", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("p\r\nX-Evil: 1")]
    public void ProjectIdIsRequiredAndSingleLine(string? projectId)
    {
        var options = Valid();
        options.ProjectId = projectId;
        Assert.Equal("ProjectId", Assert.Throws<ArgumentException>(() => options.Resolve()).ParamName);
    }

    [Fact]
    public void CredentialsAreRequired()
    {
        var options = Valid();
        options.Credentials = null;
        Assert.Equal("Credentials", Assert.Throws<ArgumentException>(() => options.Resolve()).ParamName);
    }

    [Fact]
    public void TimeoutMustBePositiveOrInfinite()
    {
        var options = Valid();
        options.Timeout = TimeSpan.Zero;
        Assert.Equal("Timeout", Assert.Throws<ArgumentException>(() => options.Resolve()).ParamName);
        options.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, options.Resolve().Timeout);
    }

    [Fact]
    public void UserAgentSuffixFollowsTheProductToken()
    {
        var options = Valid();
        options.UserAgent = "my-app/1.2";
        Assert.Equal("ApigGen/0.1.0 my-app/1.2", options.Resolve().UserAgent);
        options.UserAgent = "a\nb";
        Assert.Equal("UserAgent", Assert.Throws<ArgumentException>(() => options.Resolve()).ParamName);
    }

    [Fact]
    public void FromEnvironmentReadsTheOfficialVariablesAndExplicitValuesWin()
    {
        using var _ = new EnvironmentScope(("HUAWEICLOUD_SDK_AK", "AK1"), ("HUAWEICLOUD_SDK_SK", "SK1"), ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "ST1"), ("HUAWEICLOUD_SDK_PROJECT_ID", "proj"));
        var options = ApigClientOptions.FromEnvironment();
        Assert.Equal("proj", options.ProjectId);
        var keys = Assert.IsType<AccessKeyCredentials>(options.Credentials);
        Assert.Equal(("AK1", "SK1", "ST1"), (keys.AccessKeyId, keys.SecretKey, keys.SecurityToken));
        options.ProjectId = "explicit";
        options.Region = "cn-north-4";
        Assert.Equal("explicit", options.Resolve().ProjectId);
    }

    [Fact]
    public void FromEnvironmentRejectsHalfAKeyPair()
    {
        using var _ = new EnvironmentScope(("HUAWEICLOUD_SDK_AK", "AK1"), ("HUAWEICLOUD_SDK_SK", null), ("HUAWEICLOUD_SDK_PROJECT_ID", null), ("HUAWEICLOUD_SDK_SECURITY_TOKEN", null));
        var ex = Assert.Throws<ArgumentException>(ApigClientOptions.FromEnvironment);
        Assert.Contains("HUAWEICLOUD_SDK_SK", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AK1", ex.Message, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment";
}

internal sealed class EnvironmentScope : IDisposable
{
    private readonly (string Name, string? Value)[] _saved;

    public EnvironmentScope(params (string Name, string? Value)[] values)
    {
        _saved = Array.ConvertAll(values, v => (v.Name, Environment.GetEnvironmentVariable(v.Name)));
        foreach (var (name, value) in values)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
