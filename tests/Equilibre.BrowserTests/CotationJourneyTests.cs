using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>
/// The EPCI edits a draft of its cotation grid, previews its effect and publishes it; a guichet then sees the new score
/// and its breakdown on a demand. Axe on every page visited.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class CotationJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Epci_EditsPreviewsAndPublishes_ThenAGuichetSeesTheNewScoreAndItsBreakdown()
    {
        var epci = await browser.NewPageAsync();
        await browser.LoginAsync(epci, "epci@demo.equilibre.fr");
        await epci.GetByRole(AriaRole.Link, new() { Name = "Cotation", Exact = true }).ClickAsync();
        await epci.GetByRole(AriaRole.Heading, new() { Name = "Cotation de la demande" }).WaitForAsync();
        Assert.Contains("en vigueur", await epci.Locator("#versions").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(epci);

        await epci.Locator("#depart").SelectOptionAsync(new SelectOptionValue { Label = "Copie de la version 1 (générale)" });
        await epci.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await epci.GetByRole(AriaRole.Heading, new() { Name = "Grille de cotation — version 2" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(epci);

        await epci.Locator("#Input_ValidFrom").FillAsync(Equilibre.Features.FrenchTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var blank = epci.Locator("#rubrique-0 tr.nouveau-critere");
        await blank.GetByLabel("Intitulé du critère à ajouter").FillAsync("Logement trop petit (navigateur)");
        await blank.GetByLabel("Condition du critère à ajouter").SelectOptionAsync("MOTIF");
        await blank.GetByLabel("Paramètre du critère à ajouter").FillAsync("13");
        await blank.GetByLabel("Points du critère à ajouter").FillAsync("9");
        await epci.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await epci.Locator("#message").WaitForAsync();
        Assert.Contains("Brouillon enregistré", await epci.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);

        await epci.GetByRole(AriaRole.Link, new() { Name = "Aperçu de l'effet sur les demandes" }).ClickAsync();
        await epci.Locator("#apercu").WaitForAsync();
        Assert.True(await epci.Locator("#distribution tbody tr").CountAsync() > 1);
        Assert.True(await epci.Locator("#montent tbody tr").CountAsync() > 0);
        await epci.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "equilibre-cotation-apercu.png"), FullPage = true });
        await BrowserFixture.AssertAccessibleAsync(epci);

        await epci.GetByRole(AriaRole.Button, new() { Name = "Publier la version 2" }).ClickAsync();
        await epci.Locator("#message").WaitForAsync();
        Assert.Contains("publiée le", await epci.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("publiée", await epci.Locator("#etat").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(epci);

        var guichet = await browser.NewPageAsync();
        await browser.LoginAsync(guichet, "guichet@demo.equilibre.fr");
        await guichet.GotoAsync(browser.BaseUrl + "/demandes?epci=200067213&tri=note");
        await guichet.Locator("#liste-demandes tbody tr").First.WaitForAsync();
        await guichet.Locator("#liste-demandes tbody tr th a").First.ClickAsync();
        await guichet.Locator("#cotation").WaitForAsync();
        Assert.Contains("version 2", await guichet.Locator("#cotation").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await guichet.Locator("#detail-note tbody tr").CountAsync() > 0);
        Assert.Contains("sur", await guichet.Locator("#position").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(guichet);

        await guichet.GetByRole(AriaRole.Link, new() { Name = "grille publique" }).ClickAsync();
        await guichet.GetByRole(AriaRole.Heading, new() { Name = "Grille générale — version 2" }).WaitForAsync();
        Assert.Contains("Logement trop petit (navigateur)", await guichet.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(guichet);
    }
}
