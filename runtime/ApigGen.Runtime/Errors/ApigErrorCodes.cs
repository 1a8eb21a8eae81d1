namespace ApigGen;

/// <summary>
/// APIG error codes documented for the endpoints ApigGen knows, for use in exception filters:
/// <c>catch (ApigException e) when (e.ErrorCode == ApigErrorCodes.InvalidParameterValue)</c>.
/// </summary>
public static class ApigErrorCodes
{
    /// <summary><c>APIG.1002</c> (401): incorrect token or token resolution failed; also a signature that does not verify.</summary>
    public const string IncorrectToken = "APIG.1002";

    /// <summary><c>APIG.1005</c> (403): no permissions to request this method.</summary>
    public const string NoPermission = "APIG.1005";

    /// <summary><c>APIG.2012</c> (400): invalid parameter value; the message names the parameter.</summary>
    public const string InvalidParameterValue = "APIG.2012";

    /// <summary><c>APIG.3020</c> (404): the URL domain does not exist.</summary>
    public const string UrlDomainNotFound = "APIG.3020";

    /// <summary><c>APIG.9999</c> (500): system error.</summary>
    public const string SystemError = "APIG.9999";
}
