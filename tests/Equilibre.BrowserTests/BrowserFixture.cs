using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Equilibre.Web.Tests;
using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>
/// The real app on Kestrel (random port) and Debian's Chromium driven by Playwright, no browser download. When
/// /usr/bin/chromium is missing the browser tests skip with a message locally; .ci/run installs it and fails on
/// any skipped test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private EquilibreWebFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The started app's services, to create test organisations and accounts.</summary>
    public IServiceProvider Services => _factory!.Services;

    public static bool Available => File.Exists(ChromiumPath);

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        _factory = new EquilibreWebFactory();
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        Skip.IfNot(Available, $"Chromium absent ({ChromiumPath}) : installez le paquet Debian « chromium » pour les tests navigateur ; .ci/run le fait.");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    public async Task LoginAsync(IPage page, string email)
    {
        await page.GotoAsync(BaseUrl + "/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Equilibre.Features.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).WaitForAsync();
    }

    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming them.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{page.Url} : " + string.Join(" | ", blocking.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}) : {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}";

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _factory?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "navigateur";
}
