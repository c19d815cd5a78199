using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class StripeWebhookEventConfiguration : IEntityTypeConfiguration<StripeWebhookEvent>
{
    public void Configure(EntityTypeBuilder<StripeWebhookEvent> webhook)
    {
        webhook.HasKey(w => w.EventId);
        webhook.Property(w => w.EventId).HasMaxLength(256);
        webhook.Property(w => w.EventType).HasMaxLength(128);
        webhook.Property(w => w.State).HasConversion<string>().HasMaxLength(16);
        webhook.Property(w => w.Outcome).HasMaxLength(WebhookEvent.OutcomeMaxLength);
        // The processor's queue: only pending rows, oldest first.
        webhook.HasIndex(w => w.ReceivedAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_stripe_webhook_events_pending");
    }
}
