using System.Globalization;
using System.Security.Cryptography;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.ConnectSessions;

/// <summary>What the "Create a Connect link" dialog sends: the fields of POST /connect/sessions.</summary>
public sealed record NewConnectLinkRequest(
    Guid EmployerId,
    IReadOnlyList<string> Products,
    string RedirectUri,
    string? ProviderId = null,
    string? AuthMethod = null,
    string? Sandbox = null,
    bool Manual = false,
    int MinutesToExpire = FinchProducts.DefaultMinutesToExpire);

public abstract record ConnectLinkResult
{
    /// <summary>The unchangeable link to send the employer, and the row that tracks it.</summary>
    public sealed record Created(Guid ConnectionId, string ConnectUrl, DateTimeOffset ExpiresAt) : ConnectLinkResult;

    /// <summary>
    /// Finch's connection_already_exists: a connection exists under the customer id sent. Each new connection has its
    /// own, so this means Finch holds one we did not expect; reauthenticate it instead.
    /// </summary>
    public sealed record AlreadyConnected(Guid? ConnectionId, string FinchConnectionId) : ConnectLinkResult;

    public sealed record Invalid(IReadOnlyList<string> Problems) : ConnectLinkResult;

    public sealed record Failed(string Message, string? FinchRequestId) : ConnectLinkResult;
}

/// <summary>
/// Creates Finch Connect sessions, new and reauthentication, for employers the caller may see. Each link carries a
/// fresh random state that only the caller sees: the stored session keeps its SHA-256 and Finch's URL without it, and
/// the callback accepts a code only with that state, once.
/// </summary>
public sealed class ConnectLinks(
    EmployerData data,
    ConnectRedirects redirects,
    FinchConnectClient finch,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    IOptions<FinchOptions> finchOptions,
    IOptions<FinchEnvironmentOptions> environment,
    TimeProvider clock,
    ILogger<ConnectLinks> logger)
{
    /// <summary>
    /// How long the session lasts when an employer admin connects another system in their own browser: they go
    /// through Finch Connect there and then, so a link left unused expires the same day instead of waiting for months.
    /// </summary>
    public const int OwnBrowserMinutesToExpire = 60;

    public async Task<ConnectLinkResult> CreateAsync(NewConnectLinkRequest request, CancellationToken cancellationToken = default)
    {
        var problems = Validate(request.Products, request.MinutesToExpire, request.RedirectUri, required: true);
        problems.AddRange(ValidateIntegration(request));
        if (problems.Count > 0)
        {
            return new ConnectLinkResult.Invalid(problems);
        }

        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.CreateConnectLink))
        {
            await audit.DeniedAsync(caller, Permission.CreateConnectLink, AuditAction.ConnectLinkCreated, "employer", request.EmployerId.ToString(), null, cancellationToken);
            return new ConnectLinkResult.Invalid(["Only admins and account managers can create Connect links for new connections."]);
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EmployerId, cancellationToken);
        if (employer is null)
        {
            await outOfScope.ReportEmployerAsync(caller, request.EmployerId, cancellationToken);
            return new ConnectLinkResult.Invalid(["Choose an employer your account can see."]);
        }

        return await StageAsync(db, caller, employer, request, cancellationToken);
    }

    /// <summary>
    /// An employer admin connects another payroll or HR system of one of their employers, in their own browser: a new
    /// Connect session under the new connection's own customer id, tracked by a Staged row like any link. Only for an
    /// employer that already has a live connection; the first one comes from the account manager.
    /// </summary>
    public async Task<ConnectLinkResult> StartAnotherSystemAsync(Guid employerId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ConnectAnotherSystem))
        {
            await audit.DeniedAsync(caller, Permission.ConnectAnotherSystem, AuditAction.ConnectLinkCreated, "employer", employerId.ToString(), null, cancellationToken);
            return new ConnectLinkResult.Invalid(["Your account cannot connect another system."]);
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.Id == employerId, cancellationToken);
        if (employer is null)
        {
            await outOfScope.ReportEmployerAsync(caller, employerId, cancellationToken);
            return new ConnectLinkResult.Invalid(["Choose an employer your account can see."]);
        }

        if (!await db.Connections.AnyAsync(c => c.EmployerId == employerId && c.State == ConnectionState.Live, cancellationToken))
        {
            return new ConnectLinkResult.Invalid([$"{employer.Name} has no live connection yet. Your account manager sends the link for the first one."]);
        }

        var request = new NewConnectLinkRequest(employerId, FinchProducts.Default, redirects.Default, MinutesToExpire: OwnBrowserMinutesToExpire);
        return await StageAsync(db, caller, employer, request, cancellationToken);
    }

    /// <summary>Asks Finch for the session under the new connection's own customer id, then stores its Staged row.</summary>
    private async Task<ConnectLinkResult> StageAsync(
        DashboardDbContext db, Caller caller, Employer employer, NewConnectLinkRequest request, CancellationToken cancellationToken)
    {
        var connectionId = Guid.CreateVersion7(clock.GetUtcNow());
        var session = await finch.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = Connection.CustomerIdFor(employer, connectionId),
            CustomerName = employer.Name,
            CustomerEmail = employer.Email,
            Products = request.Products,
            RedirectUri = request.RedirectUri,
            Integration = request.ProviderId is null ? null : new ConnectIntegration(request.ProviderId, request.AuthMethod),
            Sandbox = request.Sandbox,
            Manual = request.Manual ? true : null,
            MinutesToExpire = request.MinutesToExpire,
        }, cancellationToken);

        if (!session.IsSuccess)
        {
            if (session.Failure.Error?.ExistingConnectionId is { } existing)
            {
                var ours = await db.Connections.Where(c => c.FinchConnectionId == existing).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
                return new ConnectLinkResult.AlreadyConnected(ours, existing);
            }

            return await FailedAsync(caller, new AuditEntry(AuditAction.ConnectLinkCreated, AuditOutcome.Failed, "employer", employer.Id.ToString(), employer.Id),
                session.Failure, "create the Connect link", cancellationToken);
        }

        var now = clock.GetUtcNow();
        var connection = Connection.Stage(
            connectionId, employer, request.ProviderId, request.Products, session.Value.SessionId, now.AddMinutes(request.MinutesToExpire), now);
        db.Connections.Add(connection);
        var link = Issue(db, connection, ConnectSessionKind.NewConnection, session.Value, request.RedirectUri, request.MinutesToExpire, caller.DisplayName, now);
        db.ConnectionEvents.Add(Timeline.Event(connection, now, $"Connect link created for {string.Join(", ", request.Products)}", caller.DisplayName));
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.ConnectLinkCreated, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), employer.Id)
        {
            Detail = $"Connect session {session.Value.SessionId} for {string.Join(", ", request.Products)} as customer {connection.CustomerId}",
            FinchRequestId = session.RequestId,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connect session {FinchSessionId} created for employer {EmployerId} (request {FinchRequestId})",
            session.Value.SessionId, employer.Id, session.RequestId);
        return new ConnectLinkResult.Created(connection.Id, link.ConnectUrl, link.Session.ExpiresAt);
    }

    /// <summary>
    /// A reauthentication link for a live connection: repairs it, lets the employer add entities back, or asks consent
    /// for <paramref name="products"/> the connection does not hold yet (a new scope needs reauthentication); the link
    /// lives <paramref name="minutesToExpire"/>. Without a redirect URI, the employer comes back to the default one.
    /// </summary>
    public async Task<ConnectLinkResult> CreateReauthenticationAsync(
        Guid connectionId, string? redirectUri = null, IReadOnlyList<string>? products = null, int minutesToExpire = FinchProducts.DefaultMinutesToExpire,
        CancellationToken cancellationToken = default)
    {
        redirectUri ??= redirects.Default;
        var problems = Validate(products ?? [], minutesToExpire, redirectUri, required: false);
        if (problems.Count > 0)
        {
            return new ConnectLinkResult.Invalid(problems);
        }

        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
        }
        else if (!caller.Can(Permission.StartReauth))
        {
            await audit.DeniedAsync(caller, Permission.StartReauth, AuditAction.ReauthStarted, "connection", connectionId.ToString(), connection.EmployerId, cancellationToken);
            return new ConnectLinkResult.Invalid(["Your account cannot start reauthentication."]);
        }

        if (connection is not { State: ConnectionState.Live, FinchConnectionId: { } finchConnectionId })
        {
            return new ConnectLinkResult.Invalid([connection is null
                ? "There is no such connection, or it belongs to an employer your account cannot see."
                : "Only live connections can be reauthenticated; a disconnected one needs a new Connect link."]);
        }

        // Finch asks consent for exactly the products sent, so a new scope goes with the ones held; none new keeps them as they are.
        var added = (products ?? []).Except(connection.Products).Distinct().Order().ToList();
        var session = await finch.CreateReauthenticationSessionAsync(new ReauthenticationSessionRequest
        {
            ConnectionId = finchConnectionId,
            Products = added.Count > 0 ? [.. connection.Products.Union(added)] : null,
            RedirectUri = redirectUri,
            MinutesToExpire = minutesToExpire,
        }, cancellationToken);
        if (!session.IsSuccess)
        {
            return await FailedAsync(caller, new AuditEntry(AuditAction.ReauthStarted, AuditOutcome.Failed, "connection", connection.Id.ToString(), connection.EmployerId),
                session.Failure, "create the reauthentication link", cancellationToken);
        }

        var now = clock.GetUtcNow();
        var link = Issue(db, connection, ConnectSessionKind.Reauthentication, session.Value, redirectUri, minutesToExpire, caller.DisplayName, now);
        var asking = added.Count > 0 ? $", also asking for {string.Join(", ", added)}" : "";
        db.ConnectionEvents.Add(Timeline.Event(connection, now, $"Reauthentication link created{asking}", caller.DisplayName));
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.ReauthStarted, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), connection.EmployerId)
        {
            Detail = $"Reauthentication session {session.Value.SessionId}{asking}",
            FinchRequestId = session.RequestId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ConnectLinkResult.Created(connection.Id, link.ConnectUrl, link.Session.ExpiresAt);
    }

    /// <summary>
    /// Brings the Staged rows' authentication progress up to date: expired by the clock, and opened as the emulator's
    /// session-status extension reports it (<see cref="FinchOptions.SessionStatusExtension"/>). Finch itself tells only
    /// what the dashboard knows anyway: created, expired by the clock, completed at the callback.
    /// </summary>
    public async Task RefreshProgressAsync(IReadOnlyCollection<Guid> connectionIds, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await data.OpenAsync(cancellationToken);
        var staged = await db.Connections
            .Where(c => connectionIds.Contains(c.Id) && c.State == ConnectionState.Staged && c.SessionId != null
                        && c.SessionProgress != ConnectSessionProgress.Expired && c.SessionProgress != ConnectSessionProgress.Completed)
            .ToListAsync(cancellationToken);
        foreach (var connection in staged.Where(c => c.SessionExpiresAt <= now))
        {
            connection.RecordSessionProgress(ConnectSessionProgress.Expired);
        }

        if (finchOptions.Value.SessionStatusExtension)
        {
            foreach (var connection in staged.Where(c => c.SessionProgress != ConnectSessionProgress.Expired))
            {
                var status = await finch.GetSessionStatusAsync(connection.SessionId!, cancellationToken);
                if (status.Failure is FinchFailure.Unreachable or FinchFailure.TimedOut or FinchFailure.ServerError)
                {
                    break;
                }

                if (!status.IsSuccess)
                {
                    continue;
                }

                ConnectSessionProgress? progress = status.Value.Status switch
                {
                    "opened" or "declined" => ConnectSessionProgress.Opened,
                    "expired" => ConnectSessionProgress.Expired,
                    _ => null,
                };
                if (progress is { } reported)
                {
                    connection.RecordSessionProgress(reported);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// An expired link's replacement in one action: same employer, products, provider and redirect URI (the default one
    /// if that is no longer allowed); the old row goes.
    /// </summary>
    public async Task<ConnectLinkResult> RecreateAsync(Guid stagedConnectionId, CancellationToken cancellationToken = default)
    {
        NewConnectLinkRequest request;
        await using (var db = await data.OpenAsync(cancellationToken))
        {
            var staged = await db.Connections.SingleOrDefaultAsync(c => c.Id == stagedConnectionId && c.State == ConnectionState.Staged, cancellationToken);
            var session = await db.ConnectSessions.Where(s => s.ConnectionId == stagedConnectionId).OrderByDescending(s => s.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (staged is null)
            {
                await outOfScope.ReportConnectionAsync(await currentCaller.GetAsync(cancellationToken), stagedConnectionId, cancellationToken);
                return new ConnectLinkResult.Invalid(["There is no such Connect link, or it belongs to an employer your account cannot see."]);
            }

            var redirectUri = redirects.IsAllowed(session?.RedirectUri) ? session!.RedirectUri : redirects.Default;
            request = new NewConnectLinkRequest(staged.EmployerId, staged.Products, redirectUri, staged.ProviderId,
                MinutesToExpire: session is null ? FinchProducts.DefaultMinutesToExpire : Math.Max(1, (int)(session.ExpiresAt - session.CreatedAt).TotalMinutes));
        }

        var result = await CreateAsync(request, cancellationToken);
        if (result is ConnectLinkResult.Created)
        {
            await using var db = await data.OpenAsync(cancellationToken);
            await db.Connections.Where(c => c.Id == stagedConnectionId).ExecuteDeleteAsync(cancellationToken);
        }

        return result;
    }

    public static byte[] HashState(string state) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state));

    /// <summary>The session as stored, and the link with its state for the caller to hand on: the state is not stored.</summary>
    private static (IssuedConnectSession Session, string ConnectUrl) Issue(
        DashboardDbContext db, Connection connection, ConnectSessionKind kind, ConnectSession session, string redirectUri,
        int minutesToExpire, string createdBy, DateTimeOffset now)
    {
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var issued = new IssuedConnectSession
        {
            Id = Guid.CreateVersion7(now),
            EmployerId = connection.EmployerId,
            ConnectionId = connection.Id,
            Kind = kind,
            FinchSessionId = session.SessionId,
            StateHash = HashState(state),
            ConnectUrl = session.ConnectUrl,
            RedirectUri = redirectUri,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(minutesToExpire),
            CreatedBy = createdBy,
        };
        db.ConnectSessions.Add(issued);
        return (issued, QueryHelpers.AddQueryString(session.ConnectUrl, "state", state));
    }

    private async Task<ConnectLinkResult.Failed> FailedAsync(Caller caller, AuditEntry entry, FinchFailure failure, string what, CancellationToken cancellationToken)
    {
        logger.LogWarning("Could not {What}: {Failure} (request {FinchRequestId})", what, failure.GetType().Name, failure.RequestId);
        await audit.WriteAsync(AuditActor.Of(caller), entry with { Detail = failure.Describe(), FinchRequestId = failure.RequestId }, cancellationToken);
        return new ConnectLinkResult.Failed(failure switch
        {
            FinchFailure.Rejected { Status: 402 or 403 or 422 } or FinchFailure.NotImplemented => FinchFailureMessages.For(failure),
            FinchFailure.Rejected => $"Finch refused to {what}: {failure.Describe()}",
            FinchFailure.RateLimited => $"Finch is rate limiting us; try to {what} again in a minute.",
            _ => $"Finch could not be reached or failed, so we could not {what}. Nothing was created; try again in a moment.",
        }, failure.RequestId);
    }

    private List<string> Validate(IReadOnlyList<string> products, int minutesToExpire, string redirectUri, bool required)
    {
        var problems = new List<string>();
        if (required && products.Count == 0)
        {
            problems.Add("Choose at least one product.");
        }

        var unknown = products.Where(p => !FinchProducts.IsKnown(p)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"Unknown product(s): {string.Join(", ", unknown)}.");
        }

        if (minutesToExpire is <= 0 or > FinchProducts.MaxMinutesToExpire)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The link must stay valid for 1 to {FinchProducts.MaxMinutesToExpire:N0} minutes (90 days)."));
        }

        if (!redirects.IsAllowed(redirectUri))
        {
            problems.Add($"Choose one of the redirect URIs this dashboard allows: {string.Join(", ", redirects.Allowed)}.");
        }

        return problems;
    }

    /// <summary>
    /// The optional fields of a new link; a provider id longer than any of Finch's cannot be stored, and Development
    /// connects neither Gusto nor assisted providers (Finch's "Environments" page).
    /// </summary>
    private IEnumerable<string> ValidateIntegration(NewConnectLinkRequest request)
    {
        var configured = environment.Value.Environment;
        if (!configured.OffersAssisted()
            && (request.Manual || request.AuthMethod == FinchEnvironments.AssistedMethod || request.ProviderId == FinchEnvironments.Gusto))
        {
            yield return "Finch's Development environment does not support Gusto or assisted connections; connect those in Production.";
        }

        if (request.ProviderId is { Length: > Connection.ProviderIdMaxLength })
        {
            yield return $"The provider id can be at most {Connection.ProviderIdMaxLength} characters.";
        }

        if (request.AuthMethod is not null && (request.ProviderId is null || !ConnectionTypes.TryParseAuthenticationMethod(request.AuthMethod, out _)))
        {
            yield return "Choose a provider, then one of its authentication methods.";
        }

        if (request.Sandbox is not (null or "finch" or "provider"))
        {
            yield return "The sandbox mode must be finch or provider.";
        }
    }
}
