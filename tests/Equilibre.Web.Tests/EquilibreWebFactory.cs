using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Equilibre.Web.Tests;

/// <summary>
/// The real web app on a temporary SQLite file, initialised like a first run: migrations, the real reference data
/// and the demo. Shared by the web and browser tests (one start-up per test collection).
/// </summary>
public sealed class EquilibreWebFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "equilibre-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Equilibre", $"Data Source={Path.Combine(_folder, "equilibre.db")}");
        builder.UseSetting("Demo:SeedOnFirstRun", "true");

        // Two months of replayed allocations instead of twelve: enough history for every page, a quicker start.
        builder.UseSetting("Demo:AttributionsMois", "2");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }
}
