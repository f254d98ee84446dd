using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>
/// The targets pages and <c>/api/v1/objectifs</c> (issue 7): the EPCI user of the demo gets the dashboard of the
/// Grand Reims, the API returns the same explained figures, the CIL bilan downloads as PDF, and a guichet is refused
/// (403) on pages and API. One ended lease of 2019 on a demo dwelling gives a figure without touching current leases.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class ObjectifsPagesTests(EquilibreWebFactory factory)
{
    private const string GrandReims = "200067213";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<EquilibreWebFactory> Seeded = [];

    /// <summary>One lease signed in 2019 in the Grand Reims, outside QPV, to a first-quartile household (ended since, so it blocks nothing).</summary>
    private async Task LeaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!Seeded.Add(factory))
            {
                return;
            }

            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Equilibre.Features.Data.EquilibreDb>();
            var dwelling = await db.Dwellings.Join(db.Residences, d => d.ResidenceId, r => r.Id, (d, r) => new { d.Id, r.EpciSiren, r.CommuneCode })
                .Where(x => x.EpciSiren == GrandReims).OrderBy(x => x.Id).FirstAsync();
            var demand = await db.Demands.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
            var bailleur = await db.Bailleurs.OrderBy(b => b.Id).FirstAsync();
            db.Leases.Add(new Lease
            {
                DwellingId = dwelling.Id,
                DemandId = demand,
                BailleurId = bailleur.Id,
                BailleurOrganisationId = bailleur.OrganisationId,
                SignedOn = new DateOnly(2019, 6, 3),
                StartsOn = new DateOnly(2019, 6, 3),
                EndedOn = new DateOnly(2020, 1, 31),
                Flux = FluxOrigin.BailleurNonReserved,
                EpciSiren = GrandReims,
                CommuneCode = dwelling.CommuneCode,
                DepartementCode = "51",
                RegionCode = "44",
                Rooms = 3,
                Qpv = QpvBasis.NotInQpv,
                IsQ1 = true,
                Imported = true,
                SignedBy = "test objectifs",
            });
            await db.SaveChangesAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    [Fact]
    public async Task EpciUser_GetsTheDashboardAndTheSameFiguresFromTheApi()
    {
        await LeaseAsync();
        using var client = await Login.AsAsync(factory, "epci@demo.equilibre.fr");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/objectifs?annee=2019&epci={GrandReims}"));
        Assert.Contains("Objectifs d'attribution", page, StringComparison.Ordinal);
        Assert.Contains("T1 v1 — Attributions hors QPV aux ménages du premier quartile ou relogés", page, StringComparison.Ordinal);
        Assert.Contains("<caption>Indicateurs de l'ensemble, année 2019", page, StringComparison.Ordinal);
        Assert.Contains("/objectifs/baux?", page, StringComparison.Ordinal);

        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectifs?annee=2019&epci={GrandReims}");
        var t1 = api.GetProperty("ensemble").GetProperty("indicateurs").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "T1");
        Assert.Equal((1, 1, "100 %", true), (t1.GetProperty("numerateur").GetInt32(), t1.GetProperty("denominateur").GetInt32(), t1.GetProperty("tauxTexte").GetString(), t1.GetProperty("atteint").GetBoolean()));
        Assert.Equal("T1 v1", t1.GetProperty("regleVersion").GetString());
        Assert.Equal("année 2018", api.GetProperty("periodePrecedente").GetProperty("libelle").GetString());
        Assert.Equal(1, api.GetProperty("ensemble").GetProperty("qualite").GetProperty("baux").GetInt32());

        var baux = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectifs/baux?annee=2019&epci={GrandReims}&indicateur=T1&partie=numerateur");
        Assert.Equal(1, baux.GetProperty("total").GetInt32());
        var drill = WebUtility.HtmlDecode(await client.GetStringAsync($"/objectifs/baux?annee=2019&epci={GrandReims}&indicateur=T1&partie=numerateur"));
        Assert.Contains("exactement ceux comptés", drill, StringComparison.Ordinal);

        var csv = await client.GetAsync($"/api/v1/objectifs/export?format=csv&annee=2019&epci={GrandReims}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("T1 v1", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pdf = await client.GetAsync($"/api/v1/objectifs/bilan?epci={GrandReims}&annee=2019&format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/objectifs/bilan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/objectifs/flux")).StatusCode);
    }

    [Fact]
    public async Task Guichet_IsRefusedOnPagesAndApi_AndABailleurCannotEditTheCilBilan()
    {
        using var guichet = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync("/objectifs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync("/api/v1/objectifs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guichet.GetAsync($"/api/v1/objectifs/bilan?epci={GrandReims}&annee=2019")).StatusCode);

        using var bailleur = await Login.AsAsync(factory, "bailleur@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.OK, (await bailleur.GetAsync("/objectifs?vue=bailleur")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bailleur.GetAsync($"/api/v1/objectifs/bilan?epci={GrandReims}&annee=2019")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bailleur.GetAsync("/api/v1/objectifs?groupes=inconnu")).StatusCode);
    }
}
