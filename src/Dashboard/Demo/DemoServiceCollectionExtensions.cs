namespace FinchDashboard.Dashboard.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Demo mode: the seed, the demo connections created in Finch's sandbox, and the demo bank accounts in the Stripe
    /// emulator. Refused at start-up outside Development, because the demo users' password is published.
    /// </summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DemoOptions.Section);
        var enabled = section.Get<DemoOptions>()?.Enabled == true;
        builder.Services.AddOptions<DemoOptions>()
            .Bind(section)
            .Validate<IHostEnvironment>((o, environment) => !o.Enabled || environment.IsDevelopment(),
                $"{DemoOptions.Section}:Enabled must be false outside Development: demo mode seeds users with a published password.")
            .Validate(o => !o.Enabled || DemoOptions.IsAuthenticatorKey(o.AuthenticatorKey),
                $"{DemoOptions.Section}:AuthenticatorKey must be at least 32 base32 characters (A-Z, 2-7) when demo mode is on.")
            .ValidateOnStart();
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddScoped<DemoBankAccounts>();
        if (enabled)
        {
            builder.Services.AddHostedService<DemoFinchSync>();
            builder.Services.AddHostedService<DemoStripeSync>();
        }

        return builder;
    }
}
