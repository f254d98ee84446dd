using Equilibre.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Equilibre.Cli;

/// <summary>
/// The services a command needs, configured exactly like the web app: the same appsettings.json (copied next to
/// the CLI), the same environment variables (<c>Database__Provider</c>, <c>ConnectionStrings__Equilibre</c>…), so
/// that a command run from the repository root acts on the database the web app serves.
/// </summary>
internal static class CliHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddEquilibreFeatures(builder.Configuration);
        builder.Services.AddEquilibreAccounts();
        return builder.Build();
    }
}
