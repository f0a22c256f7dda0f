using Esia.Protocol;
using Esia.Protocol.Secrets;
using MockEpgu.Access;
using MockEsia.Requests;
using MockEsia.Routing;

namespace MockEsia.Journal;

/// <summary>Records every request to a journalled endpoint (<see cref="EndpointTable"/>; never the admin API) before its response starts (see <c>docs/architecture.md</c>, "The journal barrier").</summary>
internal sealed class JournalMiddleware
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public JournalMiddleware(RequestDelegate next) => _next = next;

    /// <summary>The longest parameter value the journal keeps whole; a longer one keeps its start, its length and a fingerprint.</summary>
    public const int MaxValueLength = 2048;

    /// <summary>A value as the journal keeps it: whole up to <see cref="MaxValueLength"/>, else its first 256 characters, its length and the first 16 hex digits of its SHA-256.</summary>
    public static string Bounded(string value) => value.Length <= MaxValueLength
        ? value
        : $"{value[..256]}… ({value.Length} chars, sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..16]})";

    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context, RequestJournal journal, TimeProvider clock, EndpointTable endpoints)
    {
        var endpoint = endpoints.JournalNameOf(context.Request.Path);
        if (endpoint is null)
        {
            await _next(context);
            return;
        }

        string? presented = null;
        var parameters = context.Request.Query.ToDictionary(q => q.Key, q => Bounded(SecretText.Show(q.Key, q.Value.ToString())), StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            var read = await RequestForm.ReadAsync(context);
            foreach (var (key, value) in read.Form)
            {
                parameters[key] = Bounded(SecretText.Show(key, value.ToString()));
                presented = key == EsiaParameters.RefreshToken ? value.ToString() : presented;
            }

            if (!read.Read)
            {
                parameters["(form)"] = "unreadable: " + read.Problem;
            }
        }

        var record = RequestRecord.Of(context);
        if (BearerHeader.Token(context.Request) is { } bearer)
        {
            record.Tokens["bearer"] = TokenFingerprint.Of(bearer);
        }

        if (presented is { Length: > 0 })
        {
            record.Tokens["presented"] = TokenFingerprint.Of(presented);
        }

        // The barrier: the entry is appended before the response's first byte can leave (OnStarting), so whoever receives
        // the response — the app, then the harness asking the admin API — finds the entry already there. A response that
        // never starts is recorded when the pipeline returns (an exception: as 500), or before the connection is dropped (the Drop fault flushes the record).
        var recorded = 0;
        Task Record(int? status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 1)
            {
                return Task.CompletedTask;
            }

            var location = context.Response.Headers.Location.ToString();
            var epgu = context.Features.Get<EpguCallNote>();
            return journal.AppendAsync(new JournalEntry
            {
                RealTime = DateTimeOffset.UtcNow,
                VirtualTime = clock.GetUtcNow(),
                Endpoint = endpoint,
                Method = context.Request.Method,
                Path = context.Request.Path,
                Parameters = parameters,
                ClientId = record.ClientId ?? epgu?.Caller?.ClientId ?? (parameters.TryGetValue(EsiaParameters.ClientId, out var c) ? c : null),
                PersonOid = record.PersonOid ?? epgu?.Caller?.PersonOid,
                Checks = record.Checks.ToArray(),
                Status = status ?? context.Response.StatusCode,
                Location = location.Length == 0 ? null : SecretText.MaskQuery(location),
                ErrorCode = record.Refusal?.Error.Code ?? epgu?.ErrorCode,
                Diagnostic = record.Refusal?.Diagnostic ?? record.Diagnostic ?? epgu?.Diagnosis,
                RefusedBy = record.Refusal?.Check,
                Doctor = record.Doctor,
                Fault = record.Fault,
                Tokens = record.Tokens.Count == 0 ? null : new Dictionary<string, string>(record.Tokens, StringComparer.Ordinal),
                OrderId = epgu?.OrderId,
            });
        }

        context.Response.OnStarting(() => Record(null));
        record.FlushAsync = () => Record(null);
        try
        {
            await _next(context);
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            await Record(StatusCodes.Status500InternalServerError);
            throw;
        }

        await Record(null);
    }
}
