using System.Net;
using System.Net.Http.Json;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Equilibre.Web.Api.AttributionsDesignationApi;

namespace Equilibre.Web.Tests;

/// <summary>
/// The designation page and <c>/api/v1/attributions/vacances/{id}/…</c> (issue 6 item 3) on the demo: a vacancy of the
/// first demo bailleur in Reims, oriented to the préfet de la Marne (reservataire@), created directly in the database
/// with three demands of the test wishing Reims in any typology with a high stored score, so that they rank first.
/// The réservataire sees the shortlist and designates through the API (then a stale revision is a 409); the bailleur
/// reads it but may not designate (403); a guichet does not see it (404).
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class DesignationPagesTests(EquilibreWebFactory factory)
{
    private const string Reims = "51454";

    private async Task<(long Vacancy, string[] Numeros)> VacancyAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var prefet = await db.Organisations.Where(o => o.Name == DemoTerritory.PrefetMarneName).Select(o => o.Id).SingleAsync();
        var bailleurOrganisation = await db.Organisations.Where(o => o.Name == DemoTerritory.Bailleurs[0].Name).Select(o => o.Id).SingleAsync();
        var bailleur = await db.Bailleurs.Where(b => b.OrganisationId == bailleurOrganisation).Select(b => b.Id).FirstAsync();
        var open = db.Vacancies.Select(v => v.DwellingId);
        var dwelling = await db.DwellingStates
            .Where(s => s.BailleurId == bailleur && s.Rooms == 3 && s.HabitableSurface > 50 && !open.Contains(s.DwellingId)
                && db.Dwellings.Any(d => d.Id == s.DwellingId && db.Residences.Any(r => r.Id == d.ResidenceId && r.CommuneCode == Reims)))
            .Select(s => s.DwellingId).FirstAsync();
        var vacancy = new Vacancy
        {
            DwellingId = dwelling,
            BailleurId = bailleur,
            BailleurOrganisationId = bailleurOrganisation,
            State = VacancyState.Oriented,
            DeclaredOn = new DateOnly(2026, 11, 2),
            AvailableOn = new DateOnly(2026, 11, 20),
            FluxYear = 2026,
            CommuneCode = Reims,
            EpciSiren = DemoTerritory.GrandReimsSiren,
            DepartementCode = "51",
            RegionCode = "44",
            Rooms = 3,
            InQpv = false,
            ReservataireOrganisationId = prefet,
            Revision = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
            UpdatedBy = "test",
        };
        db.Vacancies.Add(vacancy);
        var demands = Enumerable.Range(0, 3).Select(i =>
        {
            var d = Demand.New($"0514542699{Random.Shared.Next(10_000_000, 99_999_999)}", null, null, DateTimeOffset.UtcNow);
            d.RegisteredOn = new DateOnly(2023, 1, 1 + i);
            d.ExpiresOn = new DateOnly(2027, 1, 1);
            d.ApplicantName = "TEST Désignation";
            d.SearchName = "test designation";
            d.Persons = 2;
            d.CategoryRank = 2;
            d.ConsumptionUnits = 1.5m;
            d.MonthlyResources = 4000m;
            d.ReferenceIncome = 12000m;
            d.IsQ1 = i == 0;
            d.EpciSiren = DemoTerritory.GrandReimsSiren;
            d.Content = "{}";
            d.Wishes.Add(new DemandWish { Rank = 1, CommuneCode = Reims, EpciSiren = DemoTerritory.GrandReimsSiren, DepartementCode = "51", RegionCode = "44", Since = d.RegisteredOn, Score = 10_000 - i });
            return d;
        }).ToList();
        db.Demands.AddRange(demands);
        await db.SaveChangesAsync();
        db.DemandScores.AddRange(demands.Select((d, i) => new DemandScore { DemandId = d.Id, Territory = DemoTerritory.GrandReimsSiren, Score = 10_000 - i, ComputedOn = new DateOnly(2026, 11, 1) }));
        await db.SaveChangesAsync();
        return (vacancy.Id, [.. demands.Select(d => d.Numero)]);
    }

    [Fact]
    public async Task The_reservataire_sees_the_shortlist_and_designates_through_the_API_others_get_403_or_404()
    {
        var (id, numeros) = await VacancyAsync();
        var reservataire = await Login.AsAsync(factory, "reservataire@demo.equilibre.fr");

        var page = await reservataire.GetAsync($"/attributions/vacance/{id}/designation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Demandes éligibles classées par cotation", html, StringComparison.Ordinal);
        Assert.Contains(numeros[0], html, StringComparison.Ordinal);
        Assert.Contains("Désigner les demandes cochées", html, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST Désignation", html, StringComparison.Ordinal); // numbers only, never names

        var shortlist = await reservataire.GetFromJsonAsync<CandidatsPossiblesDto>($"/api/v1/attributions/vacances/{id}/candidats-possibles");
        Assert.NotNull(shortlist);
        Assert.True(shortlist.PeutDesigner, shortlist.RaisonRefus);
        Assert.Equal(numeros, shortlist.Candidats.Take(3).Select(c => c.Numero));
        Assert.Contains(shortlist.Candidats[0].Effets, e => e.Objectif == "T1");

        var bailleur = await Login.AsAsync(factory, "bailleur@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.OK, (await bailleur.GetAsync($"/attributions/vacance/{id}/designation")).StatusCode);
        var body = new DesignationDto(shortlist.Revision, [.. numeros.Select(n => new ChoixDto(n))], null);
        Assert.Equal(HttpStatusCode.Forbidden, (await bailleur.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/candidats", body)).StatusCode);

        var guichet = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");
        Assert.Equal(HttpStatusCode.NotFound, (await guichet.GetAsync($"/attributions/vacance/{id}/designation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guichet.GetAsync($"/api/v1/attributions/vacances/{id}/candidats-possibles")).StatusCode);

        var done = await reservataire.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/candidats", body);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await done.Content.ReadFromJsonAsync<ResultatDto>();
        Assert.Contains("3 candidat(s) désigné(s)", result!.Message, StringComparison.Ordinal);

        var stale = await reservataire.PostAsJsonAsync($"/api/v1/attributions/vacances/{id}/candidats", body);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("pourvue de candidats désignés", (await stale.Content.ReadFromJsonAsync<ErreursDto>())!.Message, StringComparison.Ordinal);

        var after = WebUtility.HtmlDecode(await reservataire.GetStringAsync($"/attributions/vacance/{id}/designation"));
        Assert.Contains("Lecture seule", after, StringComparison.Ordinal);
    }
}
