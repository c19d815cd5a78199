using FinchDashboard.StripeSandbox.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddStripeSandbox();

var app = builder.Build();
app.UseStripeSandbox();
app.Run();
