using System;
using System.Threading.Tasks;
using ApigGen;
using ApigGen.Sample.Apig;

var client = new ApigClient(new ApigClientOptions
{
    Endpoint = new Uri("http://127.0.0.1:1"),
    ProjectId = "0123456789abcdef0123456789abcdef",
    Credentials = ApigCredentials.Token("token"),
});
try
{
    await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
    {
        CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00",
        Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = "apigtest.example.com" }] },
    });
}
catch (Exception ex)
{
    Console.WriteLine(ex.Message);
}
