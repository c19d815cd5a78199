using System.Net;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>The queue gauges read what waits in each inbox, from one sample of the database.</summary>
public sealed class WebhookQueueSamplerTests
{
    [Fact]
    public async Task A_sample_counts_the_pending_events_of_each_inbox_and_the_age_of_the_oldest()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string> { ["Webhooks:ProcessingEnabled"] = "false" });
        await app.InitializeAsync();
        var sampler = app.Services.GetRequiredService<WebhookQueueSampler>();

        await sampler.SampleAsync(CancellationToken.None);
        Assert.Equal([0, 0], sampler.Depth().Select(m => m.Value));
        Assert.Equal([0.0, 0.0], sampler.OldestAge().Select(m => m.Value));

        var client = app.CreateClient();
        var firstSent = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FinchDelivery.Create("conn-queued", "company.updated", null).PostAsync(client)).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await sampler.SampleAsync(CancellationToken.None);

        var depth = sampler.Depth().ToDictionary(m => Source(m.Tags), m => m.Value);
        Assert.Equal(3, depth[DashboardMetrics.FinchWebhooks]);
        Assert.Equal(0, depth[DashboardMetrics.StripeWebhooks]);
        var age = sampler.OldestAge().ToDictionary(m => Source(m.Tags), m => m.Value);
        Assert.InRange(age[DashboardMetrics.FinchWebhooks], 1.0, (DateTimeOffset.UtcNow - firstSent).TotalSeconds);
        Assert.Equal(0.0, age[DashboardMetrics.StripeWebhooks]);
    }

    private static string Source(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == DashboardMetrics.SourceTag)
            {
                return (string)tag.Value!;
            }
        }

        throw new InvalidOperationException("The measurement has no source tag.");
    }
}
