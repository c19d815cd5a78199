using Bunit;
using MudBlazor.Services;

namespace FinchDashboard.Unit;

/// <summary>
/// A bUnit context with MudBlazor's services; MudBlazor's JavaScript calls answer with defaults. Some of MudBlazor's
/// services can only be disposed asynchronously, so xunit disposes the context through IAsyncLifetime.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
