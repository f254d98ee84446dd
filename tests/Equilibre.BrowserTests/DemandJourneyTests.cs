using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>A guichet registers and modifies a demand in a real browser, with axe on every page visited.</summary>
[Collection(SharedBrowser.Name)]
public sealed class DemandJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Guichet_RegistersACoupleWithTwoChildren_SeesQ1EligibilityAndHistory_ThenModifies()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "guichet@demo.equilibre.fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Demandes", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Demandes de logement social" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle demande" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle demande de logement social" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#demandeur-civilite").SelectOptionAsync("1");
        await page.Locator("#demandeur-nom").FillAsync("Navigateur");
        await page.Locator("#demandeur-prenom").FillAsync("Karim");
        await page.Locator("#demandeur-dateNaissance").FillAsync("1984-09-12");
        await page.Locator("#demandeur-situationFamiliale").SelectOptionAsync("M");
        await page.Locator("#demandeur-revenuFiscal-anneeMoins2").FillAsync("2024");
        await page.Locator("#demandeur-revenuFiscal-montantMoins2").FillAsync("21000");
        await page.Locator("#demandeur-ressourcesRecues-1-code").SelectOptionAsync("SAL");
        await page.Locator("#demandeur-ressourcesRecues-1-montant").FillAsync("1700");
        await page.Locator("#cotitulaire-1-nom").FillAsync("Navigateur");
        await page.Locator("#cotitulaire-1-prenom").FillAsync("Samia");
        await page.Locator("#cotitulaire-1-dateNaissance").FillAsync("1986-02-20");
        await page.Locator("#cotitulaire-1-lienDemandeur").SelectOptionAsync("M");
        await page.Locator("#cotitulaire-1-revenuFiscal-anneeMoins2").FillAsync("2024");
        await page.Locator("#cotitulaire-1-revenuFiscal-montantMoins2").FillAsync("6000");
        for (var i = 1; i <= 2; i++)
        {
            await page.Locator($"#personneACharge-{i}-prenom").FillAsync(i == 1 ? "Inès" : "Adam");
            await page.Locator($"#personneACharge-{i}-nom").FillAsync("Navigateur");
            await page.Locator($"#personneACharge-{i}-dateNaissance").FillAsync(i == 1 ? "2014-05-01" : "2019-11-23");
            await page.Locator($"#personneACharge-{i}-sexe").SelectOptionAsync(i == 1 ? "F" : "M");
            await page.Locator($"#personneACharge-{i}-lienParente").SelectOptionAsync("E");
        }

        await page.GetByLabel("locataire du parc privé").CheckAsync();
        await page.GetByLabel("13 — logement trop petit").CheckAsync();
        await page.GetByLabel("T4", new() { Exact = true }).CheckAsync();
        await page.Locator("#logementRecherche-categorie").SelectOptionAsync("A");
        await page.Locator("#logementRecherche-localisationSouhaitee-1").FillAsync("51454");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "equilibre-demande-formulaire.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();

        await page.Locator("#numero").WaitForAsync();
        var numero = await page.Locator("#numero").InnerTextAsync();
        Assert.Matches("^051[0-9A-Z]{15}$", numero);
        Assert.Contains(numero, await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        var badge = await page.Locator("#badge-q1").InnerTextAsync();
        Assert.Contains(badge, new[] { "Premier quartile", "Hors premier quartile" });
        Assert.Contains("seuil 2026 de l'EPCI : 10\u202f154 €", await page.Locator("#seuil-q1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#eligibilite tbody tr").CountAsync());
        Assert.Contains("Enregistrement", await page.Locator("#historique").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "equilibre-demande.png"), FullPage = true });
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Modifier la demande n° {numero}" }).WaitForAsync();
        Assert.Equal("Navigateur", await page.Locator("#demandeur-nom").InputValueAsync());
        Assert.Equal("51454", await page.Locator("#logementRecherche-localisationSouhaitee-1").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("#demandeur-telephone").FillAsync("0326000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();

        await page.Locator("#message").WaitForAsync();
        Assert.Contains("modification : demandeur", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Modification", await page.Locator("#historique").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/demandes?texte=navigateur");
        Assert.Equal(1, await page.Locator("#liste-demandes tbody tr").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "equilibre-demandes.png"), FullPage = true });
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task Guichet_SeesFieldErrorsLinkedFromTheSummary_AndTheRenewalPages()
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, "guichet@demo.equilibre.fr");

        await page.GotoAsync(browser.BaseUrl + "/demandes/nouvelle");
        await page.Locator("#demandeur-prenom").FillAsync("Sans nom");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await page.Locator("#resume-erreurs").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "le nom est obligatoire" }).ClickAsync();
        Assert.Equal("demandeur-nom", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal("demandeur-nom-erreur", await page.Locator("#demandeur-nom").GetAttributeAsync("aria-describedby"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/demandes/a-renouveler");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Demandes à renouveler" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/demandes/seuils-q1");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Recalcul local du seuil du premier quartile" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
