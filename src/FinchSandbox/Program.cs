using FinchDashboard.FinchSandbox.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFinchSandbox();

var app = builder.Build();
app.UseFinchSandbox();
app.Run();
