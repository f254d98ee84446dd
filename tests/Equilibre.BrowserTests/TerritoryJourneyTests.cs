using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>Journeys of the Territory area, in a real browser, with axe on every page visited.</summary>
[Collection(SharedBrowser.Name)]
public sealed class TerritoryJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task EpciUser_OpensItsEpci_SeesThresholds2024To2026AndTheCommuneMap()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        Assert.EndsWith("/connexion?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await browser.LoginAsync(page, "epci@demo.equilibre.fr");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Bonjour Claire Martin" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "CU du Grand Reims" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "CU du Grand Reims", Level = 1 }).WaitForAsync();
        var rows = page.Locator("#seuils tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(["2024", "2025", "2026"], await page.Locator("#seuils tbody th").AllInnerTextsAsync());
        var amounts = (await page.Locator("#seuils tbody td:nth-child(2)").AllInnerTextsAsync()).Select(t => t.Replace('\u202f', ' '));
        Assert.Equal(["9 777", "10 064", "10 154"], amounts);

        await page.Locator("#carte[data-communes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var drawn = int.Parse(await page.Locator("#carte").GetAttributeAsync("data-communes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drawn > 130, $"{drawn} communes dessinées");
        Assert.Equal(drawn, await page.Locator("#carte path.leaflet-interactive").CountAsync());
        Assert.Contains("communes dessinées", await page.Locator("#carte-etat").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tinqueux" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tinqueux", Level = 1 }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task StateServices_FilterTheEpciList_ToGrandEstReform2026()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "etat@demo.equilibre.fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Territoires" }).ClickAsync();
        await page.GetByLabel("Région").SelectOptionAsync(new SelectOptionValue { Label = "Grand Est" });
        await page.GetByLabel("Soumis à la réforme en").SelectOptionAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Eurométropole de Strasbourg" }).WaitForAsync();
        Assert.Contains("region=44", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "CC du Pays de Bitche" }).CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Plafonds de ressources" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Plafonds de ressources HLM" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisations" }).ClickAsync();
        await page.GetByRole(AriaRole.Rowheader, new() { Name = "DREAL Grand Est" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task Administrator_ReadsTheImportReport_ThenOpensAccountsAndOrganisations()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "admin@demo.equilibre.fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Données de référence" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#imports tbody tr", new() { HasText = "Seuils du premier quartile" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Rapport d'import : Seuils du premier quartile" }).WaitForAsync();
        Assert.Contains("Thionville Fensch Agglomération", await page.Locator("#anomalies").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/administration/imports");
        await page.GetByRole(AriaRole.Link, new() { Name = "Comptes" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Créer un compte" }).WaitForAsync();
        Assert.True(await page.Locator("#comptes tbody tr").CountAsync() >= 10);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisations" }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Créer une organisation" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // the reimport runs as a background job whose page follows it until the end
        await page.GetByRole(AriaRole.Link, new() { Name = "Données de référence" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Réimporter toutes les données de référence" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Réimport des données de référence" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les rapports" }).WaitForAsync(new() { Timeout = 120000 });
        Assert.Contains("36370 inchangées", await page.Locator("#travail-resultat").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
