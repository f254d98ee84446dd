using System.Text.RegularExpressions;
using Equilibre.Domain.Allocation;
using Equilibre.Features;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Equilibre.BrowserTests;

/// <summary>
/// The allocation journey of issue 6 in a real browser, with axe on every page visited: a bailleur declares a vacancy
/// and orients it to the préfet; the préfet's réservataire designates three candidates; a CALEOL member decides; the
/// bailleur offers, records the acceptance and signs the lease; the demand is radiated with its history.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class AttributionJourneyTests(BrowserFixture browser)
{
    [GeneratedRegex(@"/attributions/vacance/(\d+)$")]
    private static partial Regex VacancyUrl();

    /// <summary>A T3 of the demo bailleur in Reims with no vacancy in progress and no lease.</summary>
    private async Task<string> FreeDwellingAsync()
    {
        using var scope = browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var organisation = await db.Organisations.Where(o => o.Name == DemoTerritory.Bailleurs[0].Name).Select(o => o.Id).SingleAsync();
        var bailleurs = await db.Bailleurs.Where(b => b.OrganisationId == organisation).Select(b => (long?)b.Id).ToListAsync();
        return await db.Dwellings
            .Where(d => db.Residences.Any(r => r.Id == d.ResidenceId && r.CommuneCode == "51454"))
            .Where(d => db.DwellingStates.Any(s => s.DwellingId == d.Id && s.Rooms == 3 && bailleurs.Contains(s.BailleurId)))
            .Where(d => !db.Vacancies.Any(v => v.DwellingId == d.Id) && !db.Leases.Any(l => l.DwellingId == d.Id))
            .OrderBy(d => d.Id).Select(d => d.RplsId).FirstAsync();
    }

    /// <summary>Waits for <paramref name="expected"/>, failing at once with the page's error message if the action was refused.</summary>
    private static async Task ExpectAsync(IPage page, ILocator expected)
    {
        try
        {
            await expected.Or(page.Locator("#erreur")).First.WaitForAsync();
        }
        catch (TimeoutException)
        {
            var body = await page.Locator("body").InnerTextAsync();
            Assert.Fail($"{page.Url} : {body[..Math.Min(body.Length, 2000)]}");
        }

        if (await page.Locator("#erreur").IsVisibleAsync())
        {
            Assert.Fail(await page.Locator("#erreur").InnerTextAsync());
        }
    }

    [SkippableFact]
    public async Task Vacancy_Designation_Caleol_Offer_Lease_RadiatesTheDemandWithItsHistory()
    {
        var rpls = await FreeDwellingAsync();

        // 1. The bailleur declares the vacancy and orients it to the préfet.
        var bailleur = await browser.NewPageAsync();
        await browser.LoginAsync(bailleur, "bailleur@demo.equilibre.fr");
        await bailleur.GetByRole(AriaRole.Link, new() { Name = "Attributions", Exact = true }).ClickAsync();
        await bailleur.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(bailleur);
        await bailleur.GotoAsync($"{browser.BaseUrl}/attributions/vacance/nouvelle");
        await BrowserFixture.AssertAccessibleAsync(bailleur);
        await bailleur.GetByLabel("Identifiant RPLS du logement").FillAsync(rpls);
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Déclarer la vacance" }).ClickAsync();
        await bailleur.WaitForURLAsync(VacancyUrl());
        var vacancyId = long.Parse(VacancyUrl().Match(bailleur.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await bailleur.GetByRole(AriaRole.Heading, new() { Name = "Orienter la vacance" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(bailleur);
        await bailleur.Locator("#formulaire-orientation label", new() { HasTextString = "Préfet de la Marne" }).ClickAsync();
        await bailleur.GetByLabel("Motif (obligatoire si vous ne suivez pas la proposition)").FillAsync("contingent préfectoral en retard sur ce secteur");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();
        await bailleur.Locator("#titre-historique").WaitForAsync();
        Assert.Contains("Préfet de la Marne", await bailleur.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(bailleur);

        // 2. The préfet's réservataire designates the three best-ranked eligible demands.
        var reservataire = await browser.NewPageAsync();
        await browser.LoginAsync(reservataire, "reservataire@demo.equilibre.fr");
        await reservataire.GotoAsync($"{browser.BaseUrl}/attributions/vacance/{vacancyId}");
        await reservataire.GetByRole(AriaRole.Link, new() { Name = "Désigner les candidats" }).ClickAsync();
        await reservataire.GetByRole(AriaRole.Heading, new() { Name = "Demandes éligibles" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(reservataire);
        var boxes = reservataire.Locator("input[name=Choisis]");
        Assert.True(await boxes.CountAsync() >= 3, "au moins trois demandes éligibles");
        for (var i = 0; i < 3; i++)
        {
            await boxes.Nth(i).CheckAsync();
            await reservataire.Locator("input[name^=Ordre]").Nth(i).FillAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await reservataire.GetByRole(AriaRole.Button, new() { Name = "Désigner les demandes cochées" }).ClickAsync();
        await ExpectAsync(reservataire, reservataire.Locator("#message"));
        await BrowserFixture.AssertAccessibleAsync(reservataire);

        // 3. A member of the bailleur's CALEOL holds a session today and ranks the three candidates.
        var caleol = await browser.NewPageAsync();
        await browser.LoginAsync(caleol, "caleol@demo.equilibre.fr");
        await caleol.GotoAsync($"{browser.BaseUrl}/attributions/caleol");
        await caleol.GetByRole(AriaRole.Heading, new() { Name = "Commissions d'attribution (CALEOL)" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(caleol);
        await caleol.GetByLabel("Date de la séance").FillAsync(FrenchTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await caleol.GetByLabel("Membres (un par ligne : « Nom — qualité »)").FillAsync("Paul Lefèvre — président\nReprésentant du préfet\nReprésentante du Grand Reims");
        await caleol.GetByRole(AriaRole.Button, new() { Name = "Programmer la séance" }).ClickAsync();
        await ExpectAsync(caleol, caleol.GetByRole(AriaRole.Heading, new() { Name = "Ordre du jour" }));
        await caleol.GetByLabel("Vacance pourvue de candidats désignés").SelectOptionAsync(vacancyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await caleol.GetByRole(AriaRole.Button, new() { Name = "Inscrire" }).ClickAsync();
        await ExpectAsync(caleol, caleol.Locator("form.decision").First);
        await BrowserFixture.AssertAccessibleAsync(caleol);
        for (var rank = 1; rank <= 3; rank++)
        {
            var form = caleol.Locator("form.decision").First;
            await form.Locator("select[name=decision]").SelectOptionAsync(new SelectOptionValue { Label = CandidateDecisionWorkflow.Label(CaleolDecisionKind.AttributionByRank) });
            await form.Locator("input[name=rang]").FillAsync(rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
            await ExpectAsync(caleol, caleol.Locator("#message"));
        }

        Assert.Equal(0, await caleol.Locator("form.decision").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(caleol);

        // 4. The bailleur offers to rank 1, records the acceptance and signs the lease.
        await bailleur.GotoAsync($"{browser.BaseUrl}/attributions/vacance/{vacancyId}/offres");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'offre" }).ClickAsync();
        await bailleur.GetByLabel("Acceptation").CheckAsync();
        await BrowserFixture.AssertAccessibleAsync(bailleur);
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Signer le bail" }).ClickAsync();
        await ExpectAsync(bailleur, bailleur.GetByRole(AriaRole.Heading, new() { Name = "Bail signé" }));
        await BrowserFixture.AssertAccessibleAsync(bailleur);

        // 5. The demand is radiated for attribution, and its shared history tells the whole story.
        string numero;
        using (var scope = browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            var lease = await db.Leases.SingleAsync(l => l.VacancyId == vacancyId);
            numero = await db.Demands.Where(d => d.Id == lease.DemandId).Select(d => d.Numero).SingleAsync();
        }

        var admin = await browser.NewPageAsync();
        await browser.LoginAsync(admin, "admin@demo.equilibre.fr");
        await admin.GotoAsync($"{browser.BaseUrl}/demandes/{numero}");
        Assert.Contains("radiée", (await admin.Locator("#statut").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        var history = await admin.Locator("#historique").InnerTextAsync();
        Assert.Contains(DemoTerritory.Bailleurs[0].Name, history, StringComparison.Ordinal);
        Assert.Contains("rang 1", history, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(admin);
    }

    /// <summary>
    /// R441-5 withdrawals (domain.md §17.1): the bailleur opens the withdrawals page from the flux ledger, withdraws a T2
    /// of its stock (not the Reims T3 the journey above takes) and sees it listed; axe clean on the page, before and after.
    /// </summary>
    [SkippableFact]
    public async Task Bailleur_WithdrawsADwellingFromTheFlux_AndSeesItListed()
    {
        string rpls;
        using (var scope = browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            var organisation = await db.Organisations.Where(o => o.Name == DemoTerritory.Bailleurs[0].Name).Select(o => o.Id).SingleAsync();
            var bailleurs = await db.Bailleurs.Where(b => b.OrganisationId == organisation).Select(b => (long?)b.Id).ToListAsync();
            rpls = await db.Dwellings
                .Where(d => db.DwellingStates.Any(s => s.DwellingId == d.Id && s.Rooms == 2 && bailleurs.Contains(s.BailleurId)))
                .Where(d => !db.Vacancies.Any(v => v.DwellingId == d.Id) && !db.FluxWithdrawals.Any(w => w.DwellingId == d.Id) && !db.Leases.Any(l => l.DwellingId == d.Id))
                .OrderByDescending(d => d.Id).Select(d => d.RplsId).FirstAsync();
        }

        var bailleur = await browser.NewPageAsync();
        await browser.LoginAsync(bailleur, "bailleur@demo.equilibre.fr");
        await bailleur.GotoAsync($"{browser.BaseUrl}/attributions/flux");
        await bailleur.GetByRole(AriaRole.Link, new() { Name = "Logements soustraits du flux" }).ClickAsync();
        await bailleur.GetByRole(AriaRole.Heading, new() { Name = "Soustraire un logement du flux" }).WaitForAsync();
        await BrowserFixture.AssertAccessibleAsync(bailleur);
        await bailleur.GetByLabel("Identifiant RPLS du logement").FillAsync(rpls);
        await bailleur.GetByLabel("Motif").SelectOptionAsync("VENTE");
        await bailleur.GetByLabel("Commentaire (facultatif)").FillAsync("mise en vente du programme");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Soustraire du flux" }).ClickAsync();
        await ExpectAsync(bailleur, bailleur.Locator("#message"));
        var row = bailleur.Locator("#retraits tr", new() { HasTextString = rpls });
        Assert.Contains("mise en vente du programme", await row.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(bailleur);
    }
}
