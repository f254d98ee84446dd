using System.Globalization;
using System.Net;
using Equilibre.Features;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>
/// The withdrawals from the flux page (issue 6, R441-5, domain.md §17.1) on the demo: the demo bailleur withdraws one of
/// its dwellings with a reason of the configured list, sees it listed with the dates and who, and ends it; a missing
/// reason is refused with the French message naming the field; the préfet's réservataire gets 403 on the page and on
/// the form.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class AttributionsWithdrawalPagesTests(EquilibreWebFactory factory)
{
    private const string Bailleur = "bailleur@demo.equilibre.fr";
    private const string Prefet = "reservataire@demo.equilibre.fr";
    private const string Page = "/attributions/flux/retraits";

    /// <summary>A dwelling of the demo bailleur with no vacancy and no withdrawal, from the end of its stock (the other tests take the first ones).</summary>
    private async Task<string> FreeDwellingAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var organisation = await db.Organisations.Where(o => o.Name == DemoTerritory.Bailleurs[0].Name).Select(o => o.Id).SingleAsync();
        var bailleurs = await db.Bailleurs.Where(b => b.OrganisationId == organisation).Select(b => (long?)b.Id).ToListAsync();
        return await db.Dwellings
            .Where(d => db.DwellingStates.Any(s => s.DwellingId == d.Id && bailleurs.Contains(s.BailleurId)))
            .Where(d => !db.Vacancies.Any(v => v.DwellingId == d.Id) && !db.FluxWithdrawals.Any(w => w.DwellingId == d.Id) && !db.Leases.Any(l => l.DwellingId == d.Id))
            .OrderByDescending(d => d.Id).Skip(3).Select(d => d.RplsId).FirstAsync();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_bailleur_withdraws_a_dwelling_sees_it_listed_and_ends_it_a_missing_reason_is_named_the_reservataire_is_forbidden()
    {
        var rpls = await FreeDwellingAsync();
        var today = FrenchTime.Today(TimeProvider.System);
        using var bailleur = await Login.AsAsync(factory, Bailleur);
        var page = WebUtility.HtmlDecode(await bailleur.GetStringAsync(Page));
        Assert.Contains("Soustraire un logement du flux", page, StringComparison.Ordinal);
        Assert.Contains("value=\"MUTATION\"", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/attributions/flux/retraits", WebUtility.HtmlDecode(await bailleur.GetStringAsync("/attributions/flux")), StringComparison.Ordinal);
        Assert.Contains("/attributions/flux/retraits", WebUtility.HtmlDecode(await bailleur.GetStringAsync("/attributions")), StringComparison.Ordinal);

        // No reason: refused, the message names the field, nothing recorded.
        var missing = await bailleur.PostAsync($"{Page}?handler=retirer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rpls"] = rpls,
            ["motif"] = "",
            ["debut"] = Day(today),
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
        }));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var refused = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Action refusée :", refused, StringComparison.Ordinal);
        Assert.Contains("Motif : choisissez le motif du retrait dans la liste", refused, StringComparison.Ordinal);
        Assert.Contains($"value=\"{rpls}\"", refused, StringComparison.Ordinal);

        // Withdrawn from ten days ago, listed with its reason, its dates and who.
        var withdrawn = await bailleur.PostAsync($"{Page}?handler=retirer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rpls"] = rpls,
            ["motif"] = "MUTATION",
            ["debut"] = Day(today.AddDays(-10)),
            ["commentaire"] = "mutation interne (test)",
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
        }));
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var listed = WebUtility.HtmlDecode(await withdrawn.Content.ReadAsStringAsync());
        Assert.Contains("Logement soustrait du flux à compter du " + today.AddDays(-10).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), listed, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{rpls}</th>", listed, StringComparison.Ordinal);
        Assert.Contains("mutation interne (test)", listed, StringComparison.Ordinal);
        Assert.Contains("sans date de fin", listed, StringComparison.Ordinal);
        long id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            id = await db.FluxWithdrawals.Where(w => db.Dwellings.Any(d => d.Id == w.DwellingId && d.RplsId == rpls)).Select(w => w.Id).SingleAsync();
        }

        Assert.Contains($"id=\"terminer-{id}\"", listed, StringComparison.Ordinal);

        // The same dwelling again over the same period: refused, saying since when it is withdrawn.
        var twice = await bailleur.PostAsync($"{Page}?handler=retirer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rpls"] = rpls,
            ["motif"] = "MUTATION",
            ["debut"] = Day(today),
            ["__RequestVerificationToken"] = Login.TokenFrom(listed),
        }));
        Assert.Contains("Début : le logement est déjà soustrait du flux depuis le", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The préfet's réservataire: 403 on the page and on the form.
        using var prefet = await Login.AsAsync(factory, Prefet);
        Assert.Equal(HttpStatusCode.Forbidden, (await prefet.GetAsync(Page)).StatusCode);
        var prefetPage = await prefet.GetStringAsync("/attributions");
        var prefetPost = await prefet.PostAsync($"{Page}?handler=terminer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["retrait"] = id.ToString(CultureInfo.InvariantCulture),
            ["fin"] = Day(today),
            ["__RequestVerificationToken"] = Login.TokenFrom(prefetPage),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, prefetPost.StatusCode);

        // Ended yesterday: the dwelling counts in the flux again and leaves the list.
        var ended = await bailleur.PostAsync($"{Page}?handler=terminer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["retrait"] = id.ToString(CultureInfo.InvariantCulture),
            ["fin"] = Day(today.AddDays(-1)),
            ["__RequestVerificationToken"] = Login.TokenFrom(listed),
        }));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var after = WebUtility.HtmlDecode(await ended.Content.ReadAsStringAsync());
        Assert.Contains("le logement compte de nouveau dans le flux", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"terminer-{id}\"", after, StringComparison.Ordinal);
    }
}
