using System;

namespace ApigGen;

/// <summary>The ways an APIG operation accepts to be called, from its spec's <c>auth</c> list.</summary>
[Flags]
public enum ApigAuthModes
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>An IAM token in <c>X-Auth-Token</c> (<see cref="ApigCredentials.Token(string)"/>).</summary>
    Token = 1,

    /// <summary>AK/SK signing (<see cref="ApigCredentials.AccessKey(string, string, string?)"/>).</summary>
    AccessKey = 2,
}
