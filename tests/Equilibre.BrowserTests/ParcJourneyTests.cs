using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>The stock journeys of issue 4 in a real browser, with axe on every page visited.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ParcJourneyTests(BrowserFixture browser)
{
    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Files", name);

    /// <summary>A bailleur organisation with a test SIREN (the demo bailleurs have none) and one account in it.</summary>
    private async Task<string> BailleurAccountAsync()
    {
        using var scope = browser.Services.CreateScope();
        var organisation = await scope.ServiceProvider.GetRequiredService<CreateOrganisation>()
            .HandleAsync(new("Habitat du navigateur (test)", OrganisationKind.Bailleur, "900000333", null, "51", null, null), CurrentUser.CommandLine);
        Assert.True(organisation.Id is not null, string.Join(" ; ", organisation.Errors));
        const string email = "parc.navigateur@test.equilibre.fr";
        var user = await scope.ServiceProvider.GetRequiredService<CreateUser>()
            .HandleAsync(new(email, "Inès Navigatrice", organisation.Id, [Roles.Bailleur], Equilibre.Features.Demo.DemoAccounts.Password), CurrentUser.CommandLine);
        Assert.True(user.Id is not null, string.Join(" ; ", user.Errors));
        return email;
    }

    [SkippableFact]
    public async Task Bailleur_ImportsItsRplsFile_ReadsTheReport_OpensADwellingAndItsEligibilityPanel()
    {
        var page = await browser.NewPageAsync();
        var email = await BailleurAccountAsync();
        await browser.LoginAsync(page, email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Parc social" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Parc social", Level = 1 }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // A file with errors is refused whole, every rejected line named.
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer un fichier RPLS" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Importer un fichier RPLS" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(File("rpls_2025_erreurs.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Rapport : fichier refusé" }).WaitForAsync();
        var rejected = await page.Locator("#rejets tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rejected.Count);
        Assert.Contains("NBPIECE", rejected[0], StringComparison.Ordinal);
        Assert.Contains("FINAN", rejected[1], StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        // The corrected file is accepted: three dwellings created, millésime read in the file name.
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(File("rpls_2025_mon_parc.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Rapport : fichier accepté" }).WaitForAsync();
        var counters = await page.Locator("#compteurs").InnerTextAsync();
        Assert.Contains("rpls_2025_mon_parc.csv", counters, StringComparison.Ordinal);
        Assert.Matches(@"Lignes lues\s+3", counters);
        Assert.Matches(@"Créées\s+3", counters);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les logements" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Logements", Level = 1 }).WaitForAsync();
        Assert.Equal(3, await page.Locator("#liste-logements tbody tr").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Typologie").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "8100000001" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Qui peut habiter ce logement ?" }).WaitForAsync();
        Assert.Contains("Autres régions", await page.Locator("table.plafonds caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("#menages-q1 tbody tr").CountAsync());
        Assert.Contains("convient de 2 à", await page.Locator("#normes").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Personnes", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("dont à charge").FillAsync("1");
        await page.GetByLabel("Revenu fiscal de référence N-2 (€)").FillAsync("30000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await page.Locator("#resultat-test").WaitForAsync();
        Assert.StartsWith("Éligible", await page.Locator("#resultat-test p").First.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Parc social" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chiffres clés au 1er janvier 2025" }).WaitForAsync();
        Assert.Equal(["2", "1"], await page.Locator("#communes tbody td:nth-child(2)").AllInnerTextsAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Résidences et carte" }).ClickAsync();
        await page.Locator("#carte[data-communes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("2", await page.Locator("#carte").GetAttributeAsync("data-communes"));
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
