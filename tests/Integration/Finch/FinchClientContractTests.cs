using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Integration.Finch;

/// <summary>
/// The dashboard's Finch clients against the FinchSandbox emulator over real HTTP: request shapes, response models,
/// error mapping, retries and webhook signatures all have to agree with the emulator's (Finch's) wire format.
/// </summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class FinchClientContractTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    public Task InitializeAsync() => finch.ResetFaultsAsync();

    public Task DisposeAsync() => finch.ResetFaultsAsync();

    [Fact]
    public async Task A_session_is_created_and_its_status_read_from_the_emulator_extension()
    {
        var customerId = FinchSandboxFixture.NewCustomerId();

        var session = await finch.Connect.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = customerId, CustomerName = "Acme", CustomerEmail = "hr@acme.example", Products = ["company", "directory"],
            Integration = new ConnectIntegration("paychex_flex", "credential"), Manual = false, MinutesToExpire = 30,
            RedirectUri = FinchSandboxFixture.RedirectUri, Sandbox = "finch",
        });

        Assert.True(session.IsSuccess, session.Failure?.Describe());
        Assert.NotNull(session.RequestId);
        Assert.StartsWith(finch.BaseUrl + "/connect?session=", session.Value.ConnectUrl);
        var status = await finch.Connect.GetSessionStatusAsync(session.Value.SessionId);
        Assert.Equal("created", status.Value!.Status);
        Assert.Equal("connect", status.Value.Type);
        Assert.Equal(customerId, status.Value.CustomerId);
        Assert.Equal(["company", "directory"], status.Value.Products);
        Assert.Equal(status.Value.CreatedAt.AddMinutes(30), status.Value.ExpiresAt);
    }

    [Fact]
    public async Task An_invalid_session_request_is_rejected_with_finchs_message()
    {
        var result = await finch.Connect.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = FinchSandboxFixture.NewCustomerId(), CustomerName = "Acme", Products = ["company"],
            RedirectUri = "not a url",
        });

        var failure = Assert.IsType<FinchFailure.Rejected>(result.Failure);
        Assert.Equal(400, failure.Status);
        Assert.Equal("invalid_request", failure.FinchCode);
        Assert.Contains("redirect_uri", failure.Describe());
        Assert.NotNull(failure.RequestId);
    }

    [Fact]
    public async Task An_unknown_session_is_rejected_as_not_found()
    {
        var result = await finch.Connect.GetSessionStatusAsync("no-such-session");

        Assert.IsType<FinchFailure.Rejected>(result.Failure);
        Assert.Equal(404, result.Failure!.StatusCode);
    }

    [Fact]
    public async Task Wrong_client_credentials_are_unauthorized()
    {
        var wrong = new FinchConnectClient(new HttpClient { BaseAddress = new Uri(finch.BaseUrl + "/") },
            Options.Create(new FinchOptions { ClientId = FinchSandboxFixture.ClientId, ClientSecret = "not-the-secret" }),
            TimeProvider.System, NullLogger<FinchConnectClient>.Instance);

        var result = await wrong.ListProvidersAsync();

        Assert.Equal("invalid_client_error", Assert.IsType<FinchFailure.Unauthorized>(result.Failure).Error!.Name);
    }

    [Fact]
    public async Task The_hosted_connect_flow_ends_in_a_token_that_introspects_and_reads_the_company()
    {
        var customerId = FinchSandboxFixture.NewCustomerId();

        var token = await finch.ConnectAsync(customerId);

        Assert.Equal(customerId, token.CustomerId);
        Assert.Equal("gusto", token.ProviderId);
        Assert.Equal("sandbox", token.ClientType);
        Assert.DoesNotContain(token.AccessToken.Reveal(), token.ToString());

        await finch.WaitForInitialSyncAsync(token);
        var introspection = await finch.Connection.IntrospectAsync(token.AccessToken);
        Assert.True(introspection.IsSuccess, introspection.Failure?.Describe());
        var connection = introspection.Value;
        Assert.Equal(token.ConnectionId, connection.ConnectionId);
        Assert.Equal(FinchSandboxFixture.ClientId, connection.ClientId);
        Assert.Equal("connected", connection.ConnectionStatus.Status);
        Assert.NotNull(connection.ConnectionStatus.LastSuccessfulSync);
        Assert.Equal(customerId, connection.CustomerId);
        Assert.Equal("payroll@contract.example", connection.CustomerEmail);
        Assert.False(connection.Manual);
        Assert.Equal("provider", connection.ConnectionType);
        Assert.Equal(["company", "directory"], connection.Products);
        var method = Assert.Single(connection.AuthenticationMethods);
        Assert.Equal("oauth", method.Type);
        Assert.Equal("connected", method.ConnectionStatus!.Status);
        Assert.Equal("connected", Assert.Single(connection.Entities!).Status);

        var company = await finch.Connection.GetCompanyAsync(token.AccessToken);
        Assert.True(company.IsSuccess, company.Failure?.Describe());
        Assert.Equal(token.CompanyId, company.Value.Id);
        Assert.False(string.IsNullOrEmpty(company.Value.LegalName));
        Assert.NotNull(company.RequestId);

        var status = await finch.Connect.GetSessionStatusAsync((await finch.Connect.CreateReauthenticationSessionAsync(
            new ReauthenticationSessionRequest { ConnectionId = token.ConnectionId })).Value!.SessionId);
        Assert.Equal("reauthenticate", status.Value!.Type);
        Assert.Equal(token.ConnectionId, status.Value.ConnectionId);
    }

    [Fact]
    public async Task A_second_session_for_a_connected_customer_names_the_existing_connection()
    {
        var customerId = FinchSandboxFixture.NewCustomerId();
        var token = await finch.ConnectAsync(customerId);

        var again = await finch.Connect.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = customerId, CustomerName = "Again", Products = ["company"],
        });

        var failure = Assert.IsType<FinchFailure.Rejected>(again.Failure);
        Assert.Equal(FinchError.ConnectionAlreadyExists, failure.FinchCode);
        Assert.Equal(token.ConnectionId, failure.Error!.ExistingConnectionId);
    }

    [Fact]
    public async Task Disconnecting_one_entity_keeps_the_others_and_the_token()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId(), "paychex_flex", "credential");
        var entities = (await finch.Connection.IntrospectAsync(token.AccessToken)).Value!.Entities!;
        Assert.True(entities.Count >= 2, $"paychex_flex should offer several entities, got {entities.Count}");

        var result = await finch.Connection.DisconnectEntitiesAsync(token.AccessToken, [entities[0].Id]);

        Assert.Equal("success", result.Value!.Status);
        var after = (await finch.Connection.IntrospectAsync(token.AccessToken)).Value!.Entities!;
        Assert.Equal("disconnected", after.Single(e => e.Id == entities[0].Id).Status);
        Assert.All(after.Where(e => e.Id != entities[0].Id), e => Assert.Equal("connected", e.Status));
        Assert.True((await finch.Connection.GetCompanyAsync(token.AccessToken, entities[1].Id)).IsSuccess);
        var gone = await finch.Connection.GetCompanyAsync(token.AccessToken, entities[0].Id);
        Assert.Equal(400, Assert.IsType<FinchFailure.Rejected>(gone.Failure).Status);
    }

    [Fact]
    public async Task A_connection_in_reauth_answers_data_calls_with_reauthentication_required()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        await finch.SetConnectionStatusAsync(token.AccessToken, ConnectionStatus.Reauth.WireName());

        var company = await finch.Connection.GetCompanyAsync(token.AccessToken);
        var introspection = await finch.Connection.IntrospectAsync(token.AccessToken);

        var failure = Assert.IsType<FinchFailure.ReauthenticationRequired>(company.Failure);
        Assert.NotNull(failure.RequestId);
        Assert.Equal("reauth", introspection.Value!.ConnectionStatus.Status);
    }

    [Fact]
    public async Task A_pending_assisted_connection_is_pending_after_the_retries()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        await finch.SetConnectionStatusAsync(token.AccessToken, ConnectionStatus.Pending.WireName());

        var company = await finch.Connection.GetCompanyAsync(token.AccessToken);

        Assert.Equal("pending", Assert.IsType<FinchFailure.Pending>(company.Failure).Code);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_then_become_a_server_error()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());

        await finch.AddFaultAsync("server_error", FinchSandboxFixture.RetryAttempts, "/employer");
        var recovered = await finch.Connection.GetCompanyAsync(token.AccessToken);
        Assert.True(recovered.IsSuccess, recovered.Failure?.Describe());
        Assert.Equal(0, await finch.RemainingFaultsAsync());

        await finch.AddFaultAsync("server_error", 5, "/employer");
        var failed = await finch.Connection.GetCompanyAsync(token.AccessToken);
        var failure = Assert.IsType<FinchFailure.ServerError>(failed.Failure);
        Assert.Equal(500, failure.Status);
        Assert.NotNull(failure.RequestId);
        Assert.Equal(5 - (1 + FinchSandboxFixture.RetryAttempts), await finch.RemainingFaultsAsync());
    }

    [Fact]
    public async Task Rate_limits_are_retried_when_short_and_returned_with_their_wait_when_long()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());

        await finch.AddFaultAsync("rate_limit", 5, "/employer", retryAfterSeconds: 0);
        var exhausted = await finch.Connection.GetCompanyAsync(token.AccessToken);
        var limited = Assert.IsType<FinchFailure.RateLimited>(exhausted.Failure);
        Assert.Equal(FinchRateLimitScope.Application, limited.Scope);
        Assert.Equal(5 - (1 + FinchSandboxFixture.RetryAttempts), await finch.RemainingFaultsAsync());
        await finch.ResetFaultsAsync();

        await finch.AddFaultAsync("rate_limit", 2, "/employer", retryAfterSeconds: 60);
        var tooLong = await finch.Connection.GetCompanyAsync(token.AccessToken);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<FinchFailure.RateLimited>(tooLong.Failure).RetryAfter);
        Assert.Equal(1, await finch.RemainingFaultsAsync());
    }

    [Fact]
    public async Task A_data_sync_job_is_created_and_read_back()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        // While the initial sync runs, Finch would hand back that job instead of starting one.
        await finch.WaitForInitialSyncAsync(token);

        var created = await finch.Connection.CreateDataSyncJobAsync(token.AccessToken);
        Assert.True(created.IsSuccess, created.Failure?.Describe());
        Assert.Equal(0, created.Value.RemainingRefreshes);

        var job = await finch.Connection.GetAutomatedJobAsync(token.AccessToken, created.Value.JobId!);
        Assert.Equal(created.Value.JobId, job.Value!.JobId);
        Assert.Equal("data_sync_all", job.Value.Type);
        Assert.Contains(job.Value.Status, new[] { "pending", "in_progress", "complete" });

        var listed = await finch.Connection.ListAutomatedJobsAsync(token.AccessToken, 10);
        Assert.True(listed.IsSuccess, listed.Failure?.Describe());
        Assert.Equal((created.Value.JobId, "complete"), (listed.Value.Data[0].JobId, listed.Value.Data[1].Status));
        Assert.NotNull(listed.Value.Data[1].ScheduledAt);
        Assert.Equal((1, 0), (listed.Value.Meta!.Quotas!.DataSyncAll!.AllowedRefreshes, listed.Value.Meta.Quotas.DataSyncAll.RemainingRefreshes));
    }

    [Fact]
    public async Task After_disconnect_the_token_is_unauthorized()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());

        var disconnected = await finch.Connection.DisconnectAsync(token.AccessToken);
        var afterwards = await finch.Connection.IntrospectAsync(token.AccessToken);

        Assert.Equal("success", disconnected.Value!.Status);
        var failure = Assert.IsType<FinchFailure.Unauthorized>(afterwards.Failure);
        Assert.Equal("invalid_token_error", failure.Error!.Name);
    }

    [Fact]
    public async Task The_providers_list_is_read_with_client_credentials()
    {
        var providers = await finch.Connect.ListProvidersAsync();

        var gusto = Assert.Single(providers.Value!, p => p.Id == "gusto");
        Assert.Equal("Gusto", gusto.DisplayName);
        Assert.Contains(gusto.AuthenticationMethods!, m => m.Type == "oauth");
        Assert.True(Assert.Single(providers.Value!, p => p.Id == "trinet").Manual);
    }

    [Fact]
    public async Task A_webhook_delivered_by_the_emulator_verifies_against_the_second_configured_secret()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());

        var webhook = await finch.Webhooks.WaitForAsync(w => w.Text.Contains(token.ConnectionId) && w.Text.Contains("account.updated"));

        Assert.True(finch.Verifier.Verify(webhook.Body, webhook.EventId, webhook.Timestamp, webhook.Signature).IsValid);
        var tampered = webhook.Text.Replace("\"connected\"", "\"reauth\"");
        Assert.NotEqual(webhook.Text, tampered);
        Assert.Equal(WebhookRejection.NoMatchingSignature,
            finch.Verifier.Verify(tampered, webhook.EventId, webhook.Timestamp, webhook.Signature).Rejection);
    }
}
