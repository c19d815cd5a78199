# syntax=docker/dockerfile:1
# The dashboard as a container: built in Release with the .NET SDK, run on the ASP.NET Core runtime as a non-root user
# with a read-only root file system. All configuration comes from environment variables (see README.md, Configuration
# and Container), for example
#   docker run -p 8080:8080 --read-only --tmpfs /tmp \
#     -e ConnectionStrings__Dashboard="Host=db;Username=finch;Password=...;Database=finch_dashboard" \
#     -e Database__MigrateOnStartup=true \
#     -e Finch__ClientId=... -e Finch__ClientSecret=... -e Finch__WebhookSecrets=... \
#     -e TokenEncryption__Keys__0="2026-11:<base64 of 32 random bytes>" \
#     -e ForwardedHeaders__KnownNetworks__0=10.0.0.0/8 finch-dashboard
# Listening: ASPNETCORE_HTTP_PORTS=8080 (below) serves plain http on port 8080 of every address. ASPNETCORE_URLS
# (e.g. http://+:9000) takes precedence over it when set; move the HEALTHCHECK's address with it.
# Forwarded headers: TLS ends at a proxy in front, which must be listed in ForwardedHeaders__KnownProxies__0 (an address)
# or ForwardedHeaders__KnownNetworks__0 (a CIDR range). Only then does the dashboard believe its X-Forwarded-Proto and
# X-Forwarded-For: otherwise it sees http, and signing in fails (its cookies are Secure-only).
# Read-only root: the dashboard writes no files (its Data Protection keys are in the database, its logs go to stdout);
# ASP.NET Core buffers large form posts to /tmp and .NET puts its diagnostics socket there, hence the tmpfs.
# To encrypt the Data Protection keys there, mount a certificate and set DataProtection__CertificatePath and
# DataProtection__CertificatePassword. dotnet publish leaves appsettings.Development.json (development secrets, demo
# mode) out of /app, so nothing of Development is in the image. The first admin:
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
# The image has no curl or wget: the dashboard asks itself, starting no host, and exits 0 on a 200 (see Health/ProbeCommand).
# Liveness only: a database outage makes the instance unready (/healthz/ready, for the load balancer), never unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/FinchDashboard.Dashboard.dll", "probe", "http://127.0.0.1:8080/healthz/live"]
ENTRYPOINT ["dotnet", "FinchDashboard.Dashboard.dll"]
