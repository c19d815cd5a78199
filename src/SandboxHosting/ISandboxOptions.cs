namespace FinchDashboard.SandboxHosting;

/// <summary>The settings every emulator has, whatever service it stands in for.</summary>
public interface ISandboxOptions
{
    /// <summary>Where webhooks go; empty means no webhooks are sent.</summary>
    string? WebhookUrl { get; }

    /// <summary>What webhooks are signed with, in the form the service hands it out.</summary>
    string WebhookSecret { get; }

    int WebhookMaxAttempts { get; }

    /// <summary>First retry delay; each further attempt doubles it.</summary>
    TimeSpan WebhookRetryBaseDelay { get; }

    /// <summary>Base of the URLs the emulator hands out; empty means "derive from the incoming request".</summary>
    string? PublicBaseUrl { get; }
}
