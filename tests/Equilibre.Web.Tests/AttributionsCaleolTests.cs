using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Features;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>
/// CALEOL, offers and leases through the pages and the API with the demo accounts (issue 6): the CALEOL member decides,
/// the bailleur cannot decide, the réservataire cannot sign, a second signature of the lease is a 409.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class AttributionsCaleolTests(EquilibreWebFactory factory)
{
    private const string Caleol = "caleol@demo.equilibre.fr";
    private const string Bailleur = "bailleur@demo.equilibre.fr";
    private const string Reservataire = "reservataire@demo.equilibre.fr";

    /// <summary>A vacancy of the first demo bailleur oriented to the Préfet de la Marne, with two active demo demands designated (written directly: designation belongs to another part).</summary>
    private async Task<(long Vacancy, long[] Candidates, string[] Numeros)> DesignatedVacancyAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var organisation = await db.Organisations.Where(o => o.Name == DemoTerritory.Bailleurs[0].Name).Select(o => o.Id).SingleAsync();
        var prefet = await db.Organisations.Where(o => o.Name == DemoTerritory.PrefetMarneName).Select(o => o.Id).SingleAsync();
        var bailleur = await db.Bailleurs.Where(b => b.OrganisationId == organisation).Select(b => b.Id).FirstAsync();
        var taken = await db.Vacancies.Select(v => v.DwellingId).ToListAsync();
        var dwelling = await db.DwellingStates.Where(s => s.BailleurId == bailleur && !taken.Contains(s.DwellingId)).OrderBy(s => s.DwellingId).Select(s => s.DwellingId).FirstAsync();
        var place = await db.Dwellings.Where(d => d.Id == dwelling).Join(db.Residences, d => d.ResidenceId, r => r.Id, (d, r) => r).SingleAsync();
        var leased = await db.Leases.Select(l => l.DemandId).ToListAsync();
        var demands = await db.Demands.Where(d => d.Status == DemandStatus.Active && d.DepartementCode == "51" && !leased.Contains(d.Id)).OrderByDescending(d => d.Id).Take(2).ToListAsync();
        var convention = new ReservationConventionRecord
        {
            BailleurId = bailleur,
            ReservataireOrganisationId = prefet,
            Kind = ReservataireKind.Prefet,
            DepartementCode = "51",
            RatePercent = 30,
            DesignationDelayDays = 30,
            ValidFrom = new DateOnly(2026, 1, 1),
            Reference = "test web",
            UpdatedBy = "test",
            Revision = 1,
        };
        db.ReservationConventions.Add(convention);
        await db.SaveChangesAsync();
        var vacancy = new Vacancy
        {
            DwellingId = dwelling,
            BailleurId = bailleur,
            BailleurOrganisationId = organisation,
            State = VacancyState.DesignationReceived,
            DeclaredOn = new DateOnly(2026, 1, 5),
            AvailableOn = new DateOnly(2026, 2, 1),
            FluxYear = 2026,
            CommuneCode = place.CommuneCode,
            EpciSiren = place.EpciSiren,
            DepartementCode = "51",
            RegionCode = "44",
            Rooms = 3,
            ConventionId = convention.Id,
            ReservataireOrganisationId = prefet,
            UpdatedBy = "test",
            Revision = 1,
        };
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync();
        var candidates = demands.Select((d, i) => new Candidate { VacancyId = vacancy.Id, DemandId = d.Id, Order = i + 1, DesignatedBy = "Préfet (test)", DesignatedByOrganisationId = prefet, Revision = 1 }).ToList();
        db.Candidates.AddRange(candidates);
        await db.SaveChangesAsync();
        return (vacancy.Id, [.. candidates.Select(c => c.Id)], [.. demands.Select(d => d.Numero)]);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_CALEOL_member_decides_the_bailleur_offers_and_signs_once_the_reservataire_cannot_sign()
    {
        var (vacancy, candidates, numeros) = await DesignatedVacancyAsync();
        var member = await Login.AsAsync(factory, Caleol);
        var bailleur = await Login.AsAsync(factory, Bailleur);
        var prefet = await Login.AsAsync(factory, Reservataire);
        var today = FrenchTime.Today(TimeProvider.System);

        var created = await member.PostAsJsonAsync("/api/v1/attributions/commissions", new { date = today, mode = "presentiel", lieu = "Siège", membres = new[] { "Mme Durand — présidente", "M. Petit — représentant du préfet" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await JsonAsync(created)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/vacances", new { vacance = vacancy, revision = 1 })).StatusCode);

        // The bailleur's agent is not a member of the CALEOL: 403 with the reason.
        var notMember = await bailleur.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/decisions", new { candidat = candidates[0], decision = "attribution" });
        Assert.Equal(HttpStatusCode.Forbidden, notMember.StatusCode);
        Assert.Contains("membre de la CALEOL", await notMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The member decides through the page form, then through the API.
        var page = await member.GetStringAsync($"/attributions/caleol/{session}");
        Assert.Contains(numeros[0], page, StringComparison.Ordinal);
        var form = await member.PostAsync($"/attributions/caleol/{session}?handler=decider", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["candidat"] = candidates[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["revision"] = "1",
            ["decision"] = "attribution",
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
        }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("attribution décidée le", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var noMotive = await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/decisions", new { candidat = candidates[1], decision = "non_attribution" });
        Assert.Equal(HttpStatusCode.BadRequest, noMotive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/decisions", new { candidat = candidates[1], decision = "non_attribution", motif = "typologie inadaptée", revision = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/cloture", new { revision = (int?)null })).StatusCode);
        var pv = await member.GetAsync($"/attributions/caleol/{session}?handler=pv");
        Assert.Equal("application/pdf", pv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("typologie inadaptée", Features.Documents.PdfText.All(await pv.Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" "), StringComparison.Ordinal);

        // The bailleur offers, records the acceptance; the réservataire may not sign; the bailleur signs once.
        Assert.Equal(HttpStatusCode.OK, (await bailleur.PostAsJsonAsync($"/api/v1/attributions/vacances/{vacancy}/offres", new { revision = (int?)null })).StatusCode);
        var offers = await JsonAsync(await bailleur.GetAsync($"/api/v1/attributions/vacances/{vacancy}/offres"));
        var offer = offers.GetProperty("offres")[0];
        var offerId = offer.GetProperty("id").GetInt64();
        Assert.True(today.AddDays(10) <= DateOnly.Parse(offer.GetProperty("echeance").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, (await bailleur.PostAsJsonAsync($"/api/v1/attributions/offres/{offerId}/reponse", new { reponse = "acceptation", revision = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await prefet.PostAsJsonAsync($"/api/v1/attributions/offres/{offerId}/bail", new { signeLe = today, debut = today, revision = 2 })).StatusCode);
        var signed = await bailleur.PostAsJsonAsync($"/api/v1/attributions/offres/{offerId}/bail", new { signeLe = today, debut = today, relogement = "aucun", revision = 2 });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var twice = await bailleur.PostAsJsonAsync($"/api/v1/attributions/offres/{offerId}/bail", new { signeLe = today, debut = today, relogement = "aucun", revision = 2 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Un bail actif existe déjà pour ce logement", (await JsonAsync(twice)).GetProperty("message").GetString(), StringComparison.Ordinal);

        // The lease shows on the pages and the API for the bailleur and for the préfet (its convention).
        var leases = await JsonAsync(await prefet.GetAsync("/api/v1/attributions/baux?flux=prefet"));
        Assert.Contains(leases.GetProperty("baux").EnumerateArray(), b => b.GetProperty("demande").GetString() == numeros[0]);
        Assert.Contains(numeros[0], await bailleur.GetStringAsync("/attributions/baux"), StringComparison.Ordinal);
        Assert.Contains("Bail signé", WebUtility.HtmlDecode(await bailleur.GetStringAsync($"/attributions/vacance/{vacancy}/offres")), StringComparison.Ordinal);
        Assert.Contains("CALEOL", WebUtility.HtmlDecode(await member.GetStringAsync("/attributions/caleol")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await prefet.GetAsync($"/api/v1/attributions/commissions/{session}")).StatusCode);
    }

    /// <summary>
    /// R441-3 c (domain.md §7.2): the CALEOL attributes under a suspensive condition; the offers page shows the missing
    /// document and its deadline, the bailleur records there that it came in, and the same form posted again with the
    /// candidate's old revision is a 409 saying what changed.
    /// </summary>
    [Fact]
    public async Task The_bailleur_lifts_a_suspensive_condition_from_the_offers_page_and_a_stale_form_is_a_409()
    {
        var (vacancy, candidates, numeros) = await DesignatedVacancyAsync();
        var bailleur = await Login.AsAsync(factory, Bailleur);
        var today = FrenchTime.Today(TimeProvider.System);
        var deadline = today.AddDays(15);
        await AttributeUnderConditionAsync(vacancy, candidates[0], deadline, "avis d'imposition");

        var page = WebUtility.HtmlDecode(await bailleur.GetStringAsync($"/attributions/vacance/{vacancy}/offres"));
        Assert.Contains("Attributions sous condition suspensive", page, StringComparison.Ordinal);
        Assert.Contains($"Demande n° {numeros[0]}", page, StringComparison.Ordinal);
        Assert.Contains("« avis d'imposition »", page, StringComparison.Ordinal);
        Assert.Contains(deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        var revision = await CandidateRevisionAsync(candidates[0]);
        var form = new Dictionary<string, string>
        {
            ["candidat"] = candidates[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["recuLe"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
        };
        var lifted = await bailleur.PostAsync($"/attributions/vacance/{vacancy}/offres?handler=lever", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        var after = WebUtility.HtmlDecode(await lifted.Content.ReadAsStringAsync());
        Assert.Contains("id=\"message\"", after, StringComparison.Ordinal);
        Assert.Contains("« avis d'imposition »", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"lever-{candidates[0]}\"", after, StringComparison.Ordinal);
        Assert.Equal(CandidateDecisionState.ConditionLifted, await CandidateStateAsync(candidates[0]));

        var stale = await bailleur.PostAsync($"/attributions/vacance/{vacancy}/offres?handler=lever", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Modification concurrente :", conflict, StringComparison.Ordinal);
        Assert.Contains("Le candidat a été modifié entre-temps : il est", conflict, StringComparison.Ordinal);
        Assert.Contains("rechargez la page, votre action n'a pas été enregistrée", conflict, StringComparison.Ordinal);

        // The réservataire reads the vacancy's offers but has no form, and may not lift a condition.
        var prefet = await Login.AsAsync(factory, Reservataire);
        var prefetPage = WebUtility.HtmlDecode(await prefet.GetStringAsync($"/attributions/vacance/{vacancy}/offres"));
        Assert.DoesNotContain("handler=lever", prefetPage, StringComparison.Ordinal);
    }

    /// <summary>
    /// R441-3 c: once the deadline fixed by the decision has passed without the document, the offers page offers the
    /// bailleur to record that the condition lapsed (not before); the form posted redirects back with the message, the
    /// same form posted again is a 409.
    /// </summary>
    [Fact]
    public async Task The_bailleur_records_a_lapsed_condition_once_its_deadline_passed_and_a_stale_form_is_a_409()
    {
        var (vacancy, candidates, _) = await DesignatedVacancyAsync();
        var bailleur = await Login.AsAsync(factory, Bailleur);
        var today = FrenchTime.Today(TimeProvider.System);
        await AttributeUnderConditionAsync(vacancy, candidates[0], today.AddDays(1), "RIB");
        Assert.DoesNotContain($"id=\"caducite-{candidates[0]}\"", await bailleur.GetStringAsync($"/attributions/vacance/{vacancy}/offres"), StringComparison.Ordinal);

        // The deadline has passed (set-up shortcut: the decision's deadline moved to yesterday).
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            await db.CaleolDecisions.Where(d => d.CandidateId == candidates[0]).ExecuteUpdateAsync(u => u.SetProperty(d => d.ConditionDeadline, today.AddDays(-1)));
        }

        var page = WebUtility.HtmlDecode(await bailleur.GetStringAsync($"/attributions/vacance/{vacancy}/offres"));
        Assert.Contains($"id=\"caducite-{candidates[0]}\"", page, StringComparison.Ordinal);
        Assert.Contains("Constater la caducité de la condition", page, StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["candidat"] = candidates[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["revision"] = (await CandidateRevisionAsync(candidates[0])).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
        };
        var lapsed = await bailleur.PostAsync($"/attributions/vacance/{vacancy}/offres?handler=caducite", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, lapsed.StatusCode);
        Assert.Equal($"/attributions/vacance/{vacancy}/offres", lapsed.RequestMessage!.RequestUri!.AbsolutePath);
        var after = WebUtility.HtmlDecode(await lapsed.Content.ReadAsStringAsync());
        Assert.Contains("l'attribution n'oblige plus le bailleur", after, StringComparison.Ordinal);
        Assert.Equal(CandidateDecisionState.ConditionLapsed, await CandidateStateAsync(candidates[0]));

        var stale = await bailleur.PostAsync($"/attributions/vacance/{vacancy}/offres?handler=caducite", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Le candidat a été modifié entre-temps : il est attributaire sous condition suspensive non levée dans le délai", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>The CALEOL member puts the vacancy on a session of today and attributes it to <paramref name="candidate"/> under a suspensive condition.</summary>
    private async Task AttributeUnderConditionAsync(long vacancy, long candidate, DateOnly deadline, string document)
    {
        var member = await Login.AsAsync(factory, Caleol);
        var today = FrenchTime.Today(TimeProvider.System);
        var created = await member.PostAsJsonAsync("/api/v1/attributions/commissions", new { date = today, mode = "presentiel", lieu = "Siège", membres = new[] { "Mme Durand — présidente" } });
        var session = (await JsonAsync(created)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/vacances", new { vacance = vacancy, revision = 1 })).StatusCode);
        var decided = await member.PostAsJsonAsync($"/api/v1/attributions/commissions/{session}/decisions",
            new { candidat = candidate, decision = "condition", delaiCondition = deadline, pieceManquante = document, revision = 1 });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    private async Task<int> CandidateRevisionAsync(long candidate)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Candidates.Where(c => c.Id == candidate).Select(c => c.Revision).SingleAsync();
    }

    private async Task<CandidateDecisionState> CandidateStateAsync(long candidate)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Candidates.Where(c => c.Id == candidate).Select(c => c.State).SingleAsync();
    }
}
