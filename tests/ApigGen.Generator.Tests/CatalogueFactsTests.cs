using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Every catalogue spec agrees with the committed facts (<c>specs/facts/apig-v2-surface.json</c>), so a wrong
/// transcription fails here with its file, line and what differs; and the check itself catches each kind of mistake.
/// </summary>
public sealed class CatalogueFactsTests
{
    /// <summary>
    /// Differences known and not yet fixed, each exactly as reported (a spec's contents belong to its family's author).
    /// An entry that no longer occurs fails too, so the list only shrinks. Keep it empty.
    /// </summary>
    private static readonly string[] KnownDifferences = Array.Empty<string>();

    [Fact]
    public void EveryCatalogueSpecAgreesWithTheFacts()
    {
        var problems = Catalogue.Files
            .AsParallel().AsOrdered()
            .SelectMany(file => Check(file, File.ReadAllText(file)))
            .ToList();
        var unexpected = problems.Except(KnownDifferences).ToList();
        Assert.True(unexpected.Count == 0, unexpected.Count + " difference(s) between the catalogue and specs/facts/apig-v2-surface.json:\n" + string.Join("\n", unexpected));
        var fixedMeanwhile = KnownDifferences.Except(problems).ToList();
        Assert.True(fixedMeanwhile.Count == 0, "no longer found, remove from KnownDifferences:\n" + string.Join("\n", fixedMeanwhile));
    }

    private static IReadOnlyList<string> Check(string file, string text) => new SpecFactsChecker("specs/" + Catalogue.Relative(file), text).Run();

    private static List<string> Unexpected(string file, string text) => Check(file, text).Except(KnownDifferences).ToList();

    /// <summary>One wrong transcription each (a line of a catalogue spec changed) and the report it must give.</summary>
    public static TheoryData<string, string, string, string> Mistakes() => new()
    {
        { "ListCertificatesV2", "  path: /v2/{project_id}/apigw/certificates\n", "  path: /v2/{project_id}/apigw/certificate\n", "(9,9): path is '/v2/{project_id}/apigw/certificate'; the facts say '/v2/{project_id}/apigw/certificates'" },
        { "ListCertificatesV2", "  method: GET\n", "  method: POST\n", "(8,11): method is 'POST'; the facts say 'GET'" },
        { "ListCertificatesV2", "    - name: limit\n      in: query\n      type: integer\n      format: int32\n", "    - name: limit\n      in: query\n      type: integer\n      format: int64\n", "parameter 'limit': type is 'int64'; the facts say 'int32'" },
        { "ListCertificatesV2", "    - name: limit\n      in: query\n", "    - name: limit\n      in: header\n", "parameter 'limit': in is 'header'; the facts say 'query'" },
        { "ListCertificatesV2", "    - name: instance_id\n      in: query\n      required: true\n", "    - name: instance_id\n      in: query\n      required: false\n", "parameter 'instance_id': optional; the facts say required" },
        // The values of a named enum are checked at each member that refers to it.
        { "ListCertificatesV2", "    enum: [global, instance]\n", "    enum: [global, regional]\n", "parameter 'type': enum values global, regional; the facts say instance, global" },
        { "ListCertificatesV2", "    - name: common_name\n", "    - name: commonname\n", "parameter 'commonname' is not in the facts" },
        { "ListCertificatesV2", "    - name: offset\n", "    - name: offset\n      csharpName: Skip\n", "csharpName in a catalogue spec" },
        { "ListCertificatesV2", "        total:\n          type: integer\n          format: int64\n", "        total:\n          type: string\n", "response: member 'total': type is 'string'; the facts say 'int64'" },
        { "ListCertificatesV2", "        certs:\n          type: array\n          items:\n            schema: CertBase\n", "        certs:\n          type: array\n          items:\n            schema: CertInfo\n", "member 'certs': type is 'array<CertInfo>'; the facts say 'array<CertBase>'" },
        { "ListCertificatesV2", "      not_after:\n        type: string\n        format: date-time\n", "      not_after:\n        type: string\n", "schema CertBase: member 'not_after': type is 'string'; the facts say 'date-time'" },
        { "ListCertificatesV2", "      san:\n", "      sans:\n", "schema CertBase: member 'sans' is not in the facts" },
        { "CreateCertificateV2", "    schema: CertificateForm\n", "    schema: CertForm\n", "body schema is 'CertForm'; the facts say 'CertificateForm'" },
        { "CreateCertificateV2", "maxLength: 50", "maxLength: 64", "member 'name': maxLength 64; the facts say 50" },
        // The shapes of the format's growth: maps, free-form values, multipart parts, binary and whole-body map responses, response headers.
        { "ListAvailableZonesV2", "        additionalProperties:\n          type: boolean\n", "        additionalProperties:\n          type: string\n", "member 'specs': type is 'map<string,string>'; the facts say 'map<string,boolean>'" },
        { "DebugApiV2", "      header:\n        type: object\n        additionalProperties:\n          type: array\n          items:\n            type: string\n", "      header:\n        type: object\n        additionalProperties:\n          type: string\n", "member 'header': type is 'map<string,string>'; the facts say 'map<string,array<string>>'" },
        { "ShowDetailsOfInstanceV2", "          type: any\n", "          type: string\n", "member 'listeners': type is 'string'; the facts say 'any'" },
        { "ImportApiDefinitionsV2", "      file_name:\n        type: file\n", "      file_name:\n        type: string\n", "member 'file_name': type is 'string'; the facts say 'file'" },
        { "ImportApiDefinitionsV2", "      group_id:\n        type: string\n", "      group_id:\n        type: array\n        items: { type: string }\n", "member 'group_id': type is 'array<string>'; the facts say 'form-field'" },
        { "ImportApiDefinitionsV2", "    contentType: multipart/form-data\n", string.Empty, "body contentType is 'application/json'; the facts say 'multipart/form-data'" },
        { "ExportApiDefinitionsV2", "      content: binary\n", "      properties:\n        id: { type: string }\n", "no binary body (content: binary); the facts say the response is a file" },
        { "UpdateGatewayResponseTypeV2", "      additionalProperties:\n        schema: ResponseInfoResp\n", "      additionalProperties:\n        schema: ResponseInfo\n", "response body is 'map<string,ResponseInfo>'; the facts say 'map<string,ResponseInfoResp>'" },
        { "ShowDetailsOfGatewayResponseTypeV2", "      additionalProperties:\n        schema: ResponseInfoResp\n", "      properties:\n        status: { type: integer }\n", "no whole-body map (additionalProperties); the facts say the body is 'map<string,ResponseInfoResp>'" },
        { "AddEndpointPermissions", "        x-request-id:\n", "        x-request-ids:\n", "response header 'x-request-id' of the facts is missing" },
        { "AddEndpointPermissions", "        x-request-id:\n          type: string\n", "        x-request-id:\n          type: integer\n", "response header 'x-request-id': type is 'int32'; the facts say 'string'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AWrongTranscriptionIsReportedWithFileLineAndDifference(string operation, string right, string wrong, string report)
    {
        var file = Catalogue.FileOf(operation);
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Empty(Unexpected(file, text));

        var problems = Unexpected(file, ReplaceFirst(text, right, wrong));
        Assert.Contains(problems, p => p.StartsWith("specs/" + Catalogue.Relative(file) + "(", StringComparison.Ordinal) && p.Contains(report, StringComparison.Ordinal));
    }

    [Fact]
    public void ASpecMaySayMoreThanTheFacts()
    {
        // An enum on a string the facts leave plain, and a constraint the facts do not state, are allowed.
        var file = Catalogue.FileOf("ListCertificatesV2");
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        var more = ReplaceFirst(text, "    - name: signature_algorithm\n      in: query\n      type: string\n", "    - name: signature_algorithm\n      in: query\n      type: string\n      enum: [sha256WithRSAEncryption]\n      maxLength: 64\n");
        Assert.NotEqual(text, more);
        Assert.Equal(WithoutPlaces(Check(file, text)), WithoutPlaces(Check(file, more)));
    }

    [Fact]
    public void AMissingMemberAndAReorderedParameterAreReported()
    {
        var file = Catalogue.FileOf("ListCertificatesV2");
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        var reordered = ReplaceFirst(text, "    - name: name\n      in: query\n      type: string\n      description: Return only certificates with this name.\n", string.Empty)
            .Replace("    - name: algorithm_type\n", "    - name: name\n      in: query\n      type: string\n    - name: algorithm_type\n", StringComparison.Ordinal);
        Assert.Contains(Check(file, reordered), p => p.Contains("parameter order is offset, limit, common_name", StringComparison.Ordinal));

        var missing = ReplaceFirst(text, "      signature_algorithm:\n        type: string\n        description: Algorithm the certificate is signed with.\n", string.Empty);
        Assert.Contains(Check(file, missing), p => p.Contains("schema CertBase: member 'signature_algorithm' of the facts is missing", StringComparison.Ordinal));
    }

    private static string[] WithoutPlaces(IEnumerable<string> problems) => problems.Select(p => System.Text.RegularExpressions.Regex.Replace(p, "^[^(]*\\([0-9]+,[0-9]+\\)", string.Empty)).ToArray();

    private static string ReplaceFirst(string text, string from, string to)
    {
        var index = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0, "the spec no longer contains:\n" + from);
        return text[..index] + to + text[(index + from.Length)..];
    }
}
