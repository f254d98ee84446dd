using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>The DREAL's view of the reform, in a real browser, with axe on every page visited.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReformJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Dreal_SetsADate_ReadsRegionalRates_OpensTheEpcisBehindOne()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "etat@demo.equilibre.fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Suivi de la réforme" }).ClickAsync();
        await page.GetByLabel("Situation au", new() { Exact = true }).FillAsync("2026-06-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Grand Est — situation au 15/06/2026" }).WaitForAsync();
        Assert.Contains("date=2026-06-15", page.Url, StringComparison.Ordinal);
        Assert.Contains("les 42 EPCI cités dans l'arrêté du premier quartile de 2026", await page.Locator("#denominateur").InnerTextAsync(), StringComparison.Ordinal);

        var ciaRow = page.Locator("#taux tbody tr", new() { HasText = "CIA signée" });
        var inPlace = int.Parse(await ciaRow.Locator("td").First.Locator("a").First.InnerTextAsync() is var t ? new string([.. t.TakeWhile(char.IsDigit)]) : "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(inPlace > 0);
        await page.Locator("#carte[data-epci]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("42", await page.Locator("#carte").GetAttributeAsync("data-epci"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "equilibre-reforme.png"), FullPage = true });
        await BrowserFixture.AssertAccessibleAsync(page);

        await ciaRow.Locator("td").First.Locator("a").First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "EPCI ayant « CIA signée »" }).WaitForAsync();
        Assert.Equal(inPlace, await page.Locator("#liste-epci tbody tr").CountAsync());
        Assert.Equal(inPlace.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#nombre-epci").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#liste-epci tbody tr th a").First.ClickAsync();
        await page.Locator("#historique").WaitForAsync();
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).CountAsync()); // the DREAL edits its région
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
