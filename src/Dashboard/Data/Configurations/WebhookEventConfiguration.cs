using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> webhook)
    {
        webhook.HasKey(w => w.EventId);
        webhook.Property(w => w.EventId).HasMaxLength(256);
        webhook.Property(w => w.EventType).HasMaxLength(128);
        webhook.Property(w => w.FinchConnectionId).HasMaxLength(128);
        webhook.Property(w => w.FinchEntityId).HasMaxLength(128);
        webhook.Property(w => w.AccountId).HasMaxLength(128);
        webhook.Property(w => w.CompanyId).HasMaxLength(128);
        webhook.Property(w => w.State).HasConversion<string>().HasMaxLength(16);
        webhook.Property(w => w.Outcome).HasMaxLength(WebhookEvent.OutcomeMaxLength);
        // The processor's queue: only pending rows, oldest first.
        webhook.HasIndex(w => w.ReceivedAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_webhook_events_pending");
        webhook.HasIndex(w => new { w.State, w.ReceivedAt });
        webhook.HasIndex(w => w.FinchConnectionId);
    }
}
