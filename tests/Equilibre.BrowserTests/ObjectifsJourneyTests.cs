using Equilibre.Features.Documents;
using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>The targets journey of issue 7 in a real browser, axe on every page: an EPCI user reads T1 on the dashboard, drills down to its leases, downloads the CIL bilan.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ObjectifsJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Epci_OpensTheDashboard_DrillsDownFromT1_DownloadsTheBilan()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "epci@demo.equilibre.fr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Objectifs", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Objectifs d'attribution", Level = 1 }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // The demo replays recent months of the real workflow: the Grand Reims has leases, T1 has a denominator.
        var denominator = page.Locator("a[aria-label*='du dénominateur de T1']").First;
        var label = await denominator.GetAttributeAsync("aria-label") ?? "";
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(label, @"Voir les (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 0, label);
        await denominator.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Baux derrière un chiffre" }).WaitForAsync();
        Assert.Equal(Math.Min(count, 50), await page.Locator("#baux tbody tr").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync($"{browser.BaseUrl}/objectifs/bilan");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Bilan annuel des attributions pour la CIL" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("EPCI (SIREN)").FillAsync(Equilibre.Features.Demo.DemoTerritory.GrandReimsSiren);
        await page.GetByLabel("Année").FillAsync(Equilibre.Features.FrenchTime.Today(TimeProvider.System).Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Éditer le bilan" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        var text = PdfText.All(pdf);
        Assert.Contains("T1", text, StringComparison.Ordinal);
        Assert.Contains("Grand Reims", text, StringComparison.Ordinal);
    }
}
