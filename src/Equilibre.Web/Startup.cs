using System.Diagnostics;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Equilibre.Features.Imports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Equilibre.Web;

/// <summary>What the host does around the pipeline: first-run initialisation, the welcome message, security headers.</summary>
internal static class Startup
{
    /// <summary>Migrates; on an empty database loads the reference data and the demo (Demo:SeedOnFirstRun).</summary>
    public static async Task InitialiseAsync(this WebApplication app)
    {
        var watch = Stopwatch.StartNew();
        using var scope = app.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var files = scope.ServiceProvider.GetRequiredService<ReferenceFiles>();
        var seed = app.Configuration.GetValue("Demo:SeedOnFirstRun", true);
        var progress = new Progress<ImportProgress>(p => Console.WriteLine($"  … {p.Step}"));
        var result = await scope.ServiceProvider.GetRequiredService<InitialiseDatabase>()
            .HandleAsync(new InitialiseDatabase.Request(files, seed), progress);
        foreach (var run in result.ImportRuns)
        {
            Console.WriteLine(run.Succeeded
                ? $"  Import {run.Kind} : {run.Read} lus, {run.Created} créés, {run.Updated} mis à jour, {run.Unchanged} inchangés, {run.Issues.Count(i => !i.IsRejection)} signalés"
                : $"  Import {run.Kind} REFUSÉ : {run.Failure}");
        }

        if (result.Demo is not null)
        {
            Console.WriteLine($"  {result.Demo.Message}");
        }

        var info = app.Services.GetRequiredService<InstanceInfo>();
        info.HasDemoData = result.HasDemo;
        info.DatabaseDescription = settings.Describe();
        Console.WriteLine($"Base de données prête en {watch.Elapsed.TotalSeconds:0.0} s : {settings.Describe()}");
    }

    /// <summary>Prints the URL and, when the demo is loaded, the demo accounts.</summary>
    public static void PrintWelcomeOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine("Equilibre est prêt : " + string.Join(" ", addresses));
            if (app.Services.GetRequiredService<InstanceInfo>().HasDemoData)
            {
                Console.WriteLine($"Comptes de démonstration (mot de passe commun : {DemoAccounts.Password}) :");
                foreach (var a in DemoAccounts.All)
                {
                    Console.WriteLine($"  {Roles.Label(a.Role),-32} {a.Email}");
                }
            }

            Console.WriteLine();
        });
    }

    /// <summary>
    /// Strict Content-Security-Policy: every script and style comes from this server (npm packages copied at
    /// build), so a CDN link or a tile server added by mistake fails visibly.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var h = ctx.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "same-origin";
        await next();
    });
}
