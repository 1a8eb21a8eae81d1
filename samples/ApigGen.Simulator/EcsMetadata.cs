using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ApigGen.Simulator;

/// <summary>
/// The ECS metadata service's credential routes, on the simulator's loopback address: <c>PUT /meta-data/latest/api/token</c>
/// issues a session token, <c>GET /openstack/latest/securitykey</c> serves <see cref="SimulatorState.MetadataCredentials"/>
/// as <c>{"credential": {"access", "secret", "securitytoken", "expires_at"}}</c>.
/// </summary>
internal static class EcsMetadata
{
    private const string SessionToken = "simulator-metadata-session";

    public static async Task HandleAsync(HttpContext context, SimulatorState state, SimulatorFaults faults)
    {
        var path = context.Request.Path.Value;
        if (path == "/meta-data/latest/api/token" && HttpMethods.IsPut(context.Request.Method))
        {
            if (!state.MetadataRequiresSessionToken)
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (!context.Request.Headers.ContainsKey("X-Metadata-Token-Ttl-Seconds"))
            {
                context.Response.StatusCode = 400;
                return;
            }

            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(SessionToken).ConfigureAwait(false);
            return;
        }

        if (path == "/openstack/latest/securitykey" && HttpMethods.IsGet(context.Request.Method))
        {
            if (state.MetadataRequiresSessionToken && context.Request.Headers["X-Metadata-Token"] != SessionToken)
            {
                context.Response.StatusCode = 401;
                return;
            }

            if (faults.Mode == FaultMode.ServerError)
            {
                context.Response.StatusCode = 500;
                return;
            }

            TemporaryCredentials? credentials;
            lock (state.Sync)
            {
                credentials = state.MetadataCredentials;
                if (credentials is not null)
                {
                    state.MetadataReads++;
                }
            }

            if (credentials is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            var body = new JsonObject
            {
                ["credential"] = new JsonObject
                {
                    ["access"] = credentials.AccessKey,
                    ["secret"] = credentials.SecretKey,
                    ["securitytoken"] = credentials.SecurityToken,
                    ["expires_at"] = credentials.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 404;
    }
}
