using System;
using System.Net;
using Xunit;

namespace ApigGen.Runtime.Tests;

public sealed class SecretsAndErrorsTests
{
    [Fact]
    public void CredentialsNeverPrintTheirSecrets()
    {
        Assert.Equal("ApigCredentials.Token(***)", ApigCredentials.Token("tok-SECRET").ToString());
        Assert.Equal("ApigCredentials.AccessKey(***, ***, ***)", ApigCredentials.AccessKey("AK-SECRET", "SK-SECRET", "ST-SECRET").ToString());
        var options = new ApigClientOptions { Region = "cn-north-4", ProjectId = "p", Credentials = ApigCredentials.Token("tok-SECRET") };
        Assert.DoesNotContain("SECRET", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3cr3t\r\nX-Evil: 1")]
    [InlineData("s3cr3t\nmore")]
    public void LineBreaksInCredentialsAreRejectedWithoutEchoingThem(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => ApigCredentials.Token(value));
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => ApigCredentials.AccessKey("ak", value));
        Assert.Equal("secretKey", ex.ParamName);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" s3cr3t")]
    [InlineData("s3cr3t ")]
    [InlineData("s3cr3t\t")]
    public void CredentialsWithSpaceAtAnEndAreRejectedWithoutEchoingThem(string value)
    {
        // A key pasted with a space: the signature (or the Authorization header) would be refused, far from the cause.
        foreach (var create in new Func<ApigCredentials>[]
        {
            () => ApigCredentials.Token(value),
            () => ApigCredentials.AccessKey(value, "sk"),
            () => ApigCredentials.AccessKey("ak", value),
            () => ApigCredentials.AccessKey("ak", "sk", value),
        })
        {
            var ex = Assert.Throws<ArgumentException>(create);
            Assert.Contains("starts or ends with white space", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => new ApigIssuedToken(value, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public void EmptyCredentialsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ApigCredentials.Token(" "));
        Assert.Throws<ArgumentNullException>(() => ApigCredentials.Token(null!));
        Assert.Throws<ArgumentException>(() => ApigCredentials.AccessKey("ak", "sk", ""));
    }

    [Fact]
    public void ApigExceptionMessageReadsLikeTheBrief()
    {
        var ex = new ApigException("BatchAssociateDomainsV2", HttpStatusCode.NotFound, "Not Found", "APIG.3020", "The URL domain does not exist", "req-1");
        Assert.Equal("APIG.3020 (404 Not Found): The URL domain does not exist. Operation: BatchAssociateDomainsV2. Request id: req-1.", ex.Message);
        Assert.Equal(ApigErrorCodes.UrlDomainNotFound, ex.ErrorCode);
    }

    [Fact]
    public void ApigExceptionWithoutErrorJsonShowsTheExcerptAndDerivesTheReasonPhrase()
    {
        var ex = new ApigException("Op", HttpStatusCode.BadGateway, null, null, null, null, bodyExcerpt: "<html>bad</html>");
        Assert.Equal("HTTP 502 Bad Gateway: the response was not APIG error JSON: \"<html>bad</html>\". Operation: Op. Request id: (none).", ex.Message);
        var empty = new ApigException("Op", HttpStatusCode.ServiceUnavailable, null, null, null, "r");
        Assert.Equal("HTTP 503 Service Unavailable: the response had no body. Operation: Op. Request id: r.", empty.Message);
    }

    [Fact]
    public void ValidationExceptionListsEveryError()
    {
        var ex = new ApigValidationException("XRequest", new[] { new ApigValidationError("domains[0].domain", "is required"), new ApigValidationError("certificate_id", "must not be empty") });
        Assert.Equal("XRequest is invalid (2 errors); nothing was sent:\n  domains[0].domain: is required\n  certificate_id: must not be empty", ex.Message);
        Assert.Equal("domains[0].domain: is required", ex.Errors[0].ToString());
        Assert.Throws<ArgumentException>(() => new ApigValidationException("X", Array.Empty<ApigValidationError>()));
    }

    [Fact]
    public void ValidateAndGetErrorsRunTheWalkOnAFreshValidatorEveryTime()
    {
        static void Walk(string? name, ApigValidator validator)
        {
            if (name is null)
            {
                validator.Required("name");
            }
            else
            {
                validator.CheckLength("name", name, 1, 3);
            }
        }

        var ex = Assert.Throws<ApigValidationException>(() => ApigValidator.Validate<string?>(null, Walk, "CreateThingRequest"));
        Assert.Equal(new[] { "name: is required" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(ex.Errors), e => e.ToString()));
        Assert.Contains("CreateThingRequest", ex.Message, StringComparison.Ordinal);

        // The rented validator went back cleared: the next walk starts with no errors and no path.
        ApigValidator.Validate("abc", Walk, "CreateThingRequest");
        Assert.Empty(ApigValidator.GetErrors("abc", Walk));
        var errors = ApigValidator.GetErrors("abcd", Walk);
        Assert.Equal(new[] { "name: must be 1 to 3 characters long (it has 4)" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(errors), e => e.ToString()));

        // A walk that throws leaves nothing behind (no error, no "deep" path segment) for the next walk on this thread.
        Assert.Throws<InvalidOperationException>(() => ApigValidator.GetErrors<string?>(null, (_, v) =>
        {
            v.Enter("deep");
            throw new InvalidOperationException("walk failed");
        }));
        Assert.Equal("name: is required", Assert.Single(ApigValidator.GetErrors<string?>(null, Walk)).ToString());
        Assert.Throws<ArgumentNullException>(() => ApigValidator.GetErrors("x", null!));
    }

    [Fact]
    public void ValidatorBuildsJsonPathsOnlyForErrors()
    {
        var validator = new ApigValidator();
        validator.Enter("domains");
        validator.EnterIndex(3);
        validator.Required("domain");
        validator.CheckLength("name", "abc", 4, 50);
        validator.CheckLength("name", "中文字", 0, 2);
        validator.CheckLength("name", "\U0001F600\U0001F600\U0001F600\U0001F600", 4, 4);
        validator.CheckLength("name", string.Empty, 1, int.MaxValue);
        validator.CheckLength("code", "ab", 1, 1);
        validator.Exit();
        validator.CheckCount(null, 0, 1, int.MaxValue);
        validator.CheckCount("tags", 4, 0, 3);
        validator.CheckCount("tags", 4, 2, 3);
        validator.CheckCount("tags", 2, 1, 1);
        validator.Exit();
        validator.CheckRange("limit", 0L, 1L, 500L);
        validator.CheckRange("ratio", double.NaN, 0, 1);
        validator.CheckPathSegment("certificate_id", "..");
        validator.CheckHeaderValue("X-H", "a\r\nb");
        validator.CheckPattern("name", "1abc", new System.Text.RegularExpressions.Regex("^[a-z]+$"), "must start with a letter");
        Assert.Equal(
            new[]
            {
                "domains[3].domain: is required",
                "domains[3].name: must be 4 to 50 characters long (it has 3)",
                "domains[3].name: must be at most 2 characters long (it has 3)",
                "domains[3].name: must be at least 1 character long (it has 0)",
                "domains[3].code: must be exactly 1 character long (it has 2)",
                "domains: must have at least 1 item (it has 0)",
                "domains.tags: must have at most 3 items (it has 4)",
                "domains.tags: must have 2 to 3 items (it has 4)",
                "domains.tags: must have exactly 1 item (it has 2)",
                "limit: must be between 1 and 500 (it is 0)",
                "ratio: must be a finite number",
                "certificate_id: must not be '.' or '..' (it fills a path segment)",
                "X-H: must not contain a line break (CR or LF)",
                "name: must start with a letter",
            },
            Array.ConvertAll(System.Linq.Enumerable.ToArray(validator.Errors), e => e.ToString()));
    }
}

public sealed class AuthModeTests
{
    [Fact]
    public void AnOperationRefusesCredentialsItsSpecDoesNotList()
    {
        var pipeline = new ApigPipeline(new ApigClientOptions { Region = "cn-north-4", ProjectId = "p", Credentials = ApigCredentials.Token("t") }, null);
        var ex = Assert.Throws<InvalidOperationException>(() => pipeline.CreateRequest(System.Net.Http.HttpMethod.Get, "SignedOnlyV2", ApigAuthModes.AccessKey));
        Assert.Equal("SignedOnlyV2 accepts only AK/SK credentials (ApigCredentials.AccessKey), but the client was configured with a token. Nothing was sent.", ex.Message);
        Assert.NotNull(pipeline.CreateRequest(System.Net.Http.HttpMethod.Get, "EitherV2"));
        Assert.NotNull(pipeline.CreateRequest(System.Net.Http.HttpMethod.Get, "TokenOnlyV2", ApigAuthModes.Token));
    }
}

public sealed class HeaderParameterTests
{
    /// <summary>Records what would have gone out, and answers 204.</summary>
    private sealed class RecordingHandler : System.Net.Http.HttpMessageHandler
    {
        public System.Collections.Generic.List<System.Net.Http.HttpRequestMessage> Sent { get; } = new();

        protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            Sent.Add(request);
            return System.Threading.Tasks.Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        }
    }

    /// <summary>A token pipeline over a <see cref="RecordingHandler"/>, and a GET of ProbeV2 carrying one header parameter.</summary>
    private static (ApigPipeline Pipeline, RecordingHandler Handler, ApigRequest Request) WithHeader(string name, string value)
    {
        var handler = new RecordingHandler();
        var options = new ApigClientOptions { Endpoint = new Uri("http://127.0.0.1:9"), ProjectId = "p", Credentials = ApigCredentials.Token("t") };
        var pipeline = new ApigPipeline(options, new System.Net.Http.HttpClient(handler));
        var request = pipeline.CreateRequest(System.Net.Http.HttpMethod.Get, "ProbeV2");
        request.AppendPath("/v2/probe");
        request.AddHeader(name, value);
        return (pipeline, handler, request);
    }

    [Fact]
    public async System.Threading.Tasks.Task AHeaderHttpClientKeepsForContentIsRefusedNotDropped()
    {
        // Before, HttpClient refused Content-Language on the request and the value vanished; the request went out without it.
        var (pipeline, handler, request) = WithHeader("Content-Language", "en");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.SendAsync(request, default));
        Assert.Equal("ProbeV2: the header parameter 'Content-Language' cannot be sent as a request header (HttpClient keeps that name for a body's content headers). Nothing was sent.", ex.Message);
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async System.Threading.Tasks.Task AnOrdinaryHeaderArrives()
    {
        var (pipeline, handler, request) = WithHeader("X-Trace", "t-1");
        var response = await pipeline.SendAsync(request, default);
        Assert.True(response.IsSuccess);
        Assert.Equal(new[] { "t-1" }, Assert.Single(handler.Sent).Headers.GetValues("X-Trace"));
    }
}
