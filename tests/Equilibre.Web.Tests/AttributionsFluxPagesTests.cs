using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>
/// The gestion en flux pages and <c>/api/v1/attributions</c> (issue 6 items 1, 2, 7, 8) on the demo: the demo bailleur
/// declares a vacancy of its stock and orients it to the préfet of the Marne under its demo convention; the bailleur sees
/// only its vacancies, the réservataire only those oriented to it, the EPCI reads without acting, a guichet gets 403,
/// and a stale orientation answers 409 with the French sentence saying what changed.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class AttributionsFluxPagesTests(EquilibreWebFactory factory)
{
    private const string Bailleur = "bailleur@demo.equilibre.fr";
    private const string Prefet = "reservataire@demo.equilibre.fr";

    /// <summary>Two dwellings of a demo bailleur (by rank of its SIREN), not used by another test of this class.</summary>
    private async Task<IReadOnlyList<string>> DwellingsOfAsync(int bailleur, int skip)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var siren = DemoTerritory.BailleurSirens[bailleur];
        var id = await db.Bailleurs.Where(b => b.Siren == siren).Select(b => b.Id).SingleAsync();
        var ids = await db.DwellingStates.Where(s => s.BailleurId == id).Select(s => s.DwellingId).Distinct().OrderBy(d => d).Skip(skip).Take(2).ToListAsync();
        return await db.Dwellings.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).Select(d => d.RplsId).ToListAsync();
    }

    private static async Task<long> DeclareAsync(HttpClient client, string rpls)
    {
        var response = await client.PostAsJsonAsync("/api/v1/attributions/vacances", new { identifiantRpls = rpls });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task BailleurDeclaresAndOrients_ReservataireSeesOnlyItsOwn_EpciReads_GuichetForbidden_StaleOrientationIs409()
    {
        var rpls = await DwellingsOfAsync(0, 100);
        using var bailleur = await Login.AsAsync(factory, Bailleur);
        var id = await DeclareAsync(bailleur, rpls[0]);

        var vacancy = await bailleur.GetFromJsonAsync<JsonElement>($"/api/v1/attributions/vacances/{id}");
        Assert.Equal("declaree", vacancy.GetProperty("etat").GetString());
        Assert.True(vacancy.GetProperty("peutOrienter").GetBoolean());
        Assert.False(string.IsNullOrEmpty(vacancy.GetProperty("raisonProposition").GetString()));
        var page = WebUtility.HtmlDecode(await bailleur.GetStringAsync($"/attributions/vacance/{id}"));
        Assert.Contains("id=\"formulaire-orientation\"", page, StringComparison.Ordinal);

        // The préfet does not see a vacancy before it is oriented to it.
        using var prefet = await Login.AsAsync(factory, Prefet);
        Assert.Equal(HttpStatusCode.NotFound, (await prefet.GetAsync($"/api/v1/attributions/vacances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await prefet.GetAsync($"/attributions/vacance/{id}")).StatusCode);

        var conventions = await bailleur.GetFromJsonAsync<JsonElement>("/api/v1/attributions/conventions");
        var prefetConvention = conventions.EnumerateArray().First(c => c.GetProperty("type").GetString() == "prefet" && c.GetProperty("modifiable").GetBoolean());
        var revision = vacancy.GetProperty("revision").GetInt32();
        var oriented = await bailleur.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/orientation",
            new { revision, convention = prefetConvention.GetProperty("id").GetInt64(), motif = "contingent préfectoral (test)" });
        Assert.Equal(HttpStatusCode.OK, oriented.StatusCode);

        // The same form posted again with the revision read before: 409, saying what changed.
        var stale = await bailleur.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/orientation", new { revision, convention = (long?)null, motif = "x" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("a changé depuis votre lecture : elle est orientée vers un réservataire", conflict.GetProperty("message").GetString(), StringComparison.Ordinal);

        var forPrefet = await prefet.GetFromJsonAsync<JsonElement>("/api/v1/attributions/vacances?taillePage=500");
        Assert.Contains(forPrefet.GetProperty("vacances").EnumerateArray(), v => v.GetProperty("id").GetInt64() == id);
        Assert.All(forPrefet.GetProperty("vacances").EnumerateArray(), v => Assert.Equal(DemoTerritory.PrefetMarneName, v.GetProperty("reservataire").GetString()));
        var prefetPage = WebUtility.HtmlDecode(await prefet.GetStringAsync($"/attributions/vacance/{id}"));
        Assert.DoesNotContain("id=\"formulaire-orientation\"", prefetPage, StringComparison.Ordinal);
        Assert.Contains("/attributions/vacance/" + id + "/designation", prefetPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await prefet.PostAsJsonAsync("/api/v1/attributions/vacances", new { identifiantRpls = rpls[1] })).StatusCode);

        // The EPCI of Grand Reims reads its territory, without acting.
        using var epci = await Login.AsAsync(factory, "epci@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.OK, (await epci.GetAsync("/attributions")).StatusCode);
        var epciVacancy = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/attributions/vacances/{id}");
        Assert.False(epciVacancy.GetProperty("peutOrienter").GetBoolean());
        Assert.False(epciVacancy.GetProperty("peutDesigner").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await epci.GetAsync("/attributions/vacance/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epci.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/orientation", new { revision = 1, motif = "x" })).StatusCode);

        using var guichet = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync("/attributions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync("/api/v1/attributions/vacances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync("/api/v1/attributions/flux")).StatusCode);
    }

    [Fact]
    public async Task BailleurSeesOnlyItsVacancies_AndThePagesAnswer()
    {
        // Another demo bailleur's vacancy, declared by the administrator.
        var other = await DwellingsOfAsync(1, 100);
        using var admin = await Login.AsAsync(factory, "admin@demo.equilibre.fr");
        var otherId = await DeclareAsync(admin, other[0]);
        var own = await DwellingsOfAsync(0, 200);
        using var bailleur = await Login.AsAsync(factory, Bailleur);
        var ownId = await DeclareAsync(bailleur, own[0]);

        Assert.Equal(HttpStatusCode.NotFound, (await bailleur.GetAsync($"/api/v1/attributions/vacances/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bailleur.GetAsync($"/attributions/vacance/{otherId}")).StatusCode);
        var list = await bailleur.GetFromJsonAsync<JsonElement>("/api/v1/attributions/vacances?taillePage=500");
        Assert.All(list.GetProperty("vacances").EnumerateArray(), v => Assert.Equal(DemoTerritory.Bailleurs[0].Name, v.GetProperty("bailleur").GetString()));
        Assert.Contains(list.GetProperty("vacances").EnumerateArray(), v => v.GetProperty("id").GetInt64() == ownId);

        // A second declaration of the same dwelling is refused in French.
        var twice = await bailleur.PostAsJsonAsync("/api/v1/attributions/vacances", new { identifiantRpls = own[0] });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("une vacance est déjà ouverte", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var index = WebUtility.HtmlDecode(await bailleur.GetStringAsync("/attributions"));
        Assert.Contains("Déclarer une vacance", index, StringComparison.Ordinal);
        Assert.Contains("id=\"onglets-etats\"", index, StringComparison.Ordinal);
        var conventions = WebUtility.HtmlDecode(await bailleur.GetStringAsync("/attributions/conventions"));
        Assert.Contains("id=\"formulaire-convention\"", conventions, StringComparison.Ordinal);
        Assert.Contains(DemoTerritory.PrefetMarneName, conventions, StringComparison.Ordinal);
        var flux = WebUtility.HtmlDecode(await bailleur.GetStringAsync("/attributions/flux"));
        Assert.Contains("id=\"bilan-flux\"", flux, StringComparison.Ordinal);
        Assert.Contains("Part du préfet (R441-5-2)", flux, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bailleur.GetAsync("/attributions/vacance/nouvelle?commune=51454&typologie=3")).StatusCode);

        var ledger = await bailleur.GetFromJsonAsync<JsonElement>("/api/v1/attributions/flux");
        Assert.Equal(3, ledger.GetProperty("lignes").GetArrayLength());
        Assert.True(ledger.GetProperty("partPrefet")[0].GetProperty("dansLesLimites").GetBoolean());

        // The réservataire reads its conventions and may not write one.
        using var prefet = await Login.AsAsync(factory, Prefet);
        var prefetConventions = WebUtility.HtmlDecode(await prefet.GetStringAsync("/attributions/conventions"));
        Assert.DoesNotContain("id=\"formulaire-convention\"", prefetConventions, StringComparison.Ordinal);
        var write = await prefet.PostAsJsonAsync("/api/v1/attributions/conventions", new
        {
            bailleur = 1,
            reservataire = 1,
            type = "prefet",
            departement = "51",
            taux = 10m,
            reference = "x",
        });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
