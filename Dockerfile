# syntax=docker/dockerfile:1
# The dashboard as a container: built with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
# All configuration comes from environment variables (see README.md, Configuration), for example
#   docker run -p 8080:8080 \
#     -e ConnectionStrings__Dashboard="Host=db;Username=finch;Password=...;Database=finch_dashboard" \
#     -e Database__MigrateOnStartup=true \
#     -e Finch__ClientId=... -e Finch__ClientSecret=... -e Finch__WebhookSecrets=... \
#     -e TokenEncryption__Keys__0="2026-11:<base64 of 32 random bytes>" \
#     -e ForwardedHeaders__KnownNetworks__0=10.0.0.0/8 finch-dashboard
# The TLS-terminating proxy in front must be in ForwardedHeaders (KnownProxies or KnownNetworks), so that the dashboard
# sees https. dotnet publish leaves appsettings.Development.json (development secrets, demo mode) out of /app.
# The Data Protection keys live in the database, so no volume is needed; to encrypt them there, mount a certificate
# and set DataProtection__CertificatePath and DataProtection__CertificatePassword. The first admin:
#   docker run --rm -i -e ConnectionStrings__Dashboard="..." finch-dashboard create-admin --email someone@example.com --password-stdin

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Project files first, so the restore layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Domain/Domain.csproj src/Domain/
COPY src/Dashboard/Dashboard.csproj src/Dashboard/
RUN dotnet restore src/Dashboard/Dashboard.csproj

COPY src/Domain/ src/Domain/
COPY src/Dashboard/ src/Dashboard/
RUN dotnet publish src/Dashboard/Dashboard.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=true
COPY --from=build /app ./
# The image's built-in unprivileged user (APP_UID is defined by the .NET base images).
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "FinchDashboard.Dashboard.dll"]
