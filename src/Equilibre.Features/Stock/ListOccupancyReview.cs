using Equilibre.Domain;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>The answer of <see cref="ListOccupancyReview"/>: listed, or why not.</summary>
public enum OccupancyReviewOutcome
{
    Listed,

    /// <summary>No bailleur of this SIREN in the stock.</summary>
    UnknownBailleur,

    /// <summary>The user is neither of this bailleur (Bailleur or CALEOL member role) nor an administrator.</summary>
    Forbidden,
}

/// <summary>
/// Examen périodique de l'occupation (L442-5-2 CCH; domain.md §7.3, §7.4): for one bailleur, every occupied dwelling
/// it owns (latest millésime) whose three-year review from the lease signature falls between the date asked and the
/// horizon, with the situations of <see cref="OccupancyReview.Classify"/> explained — sur-occupation, sous-occupation,
/// adapted dwelling no longer needed, handicap needing adaptation, resources above the ceiling. The household is the
/// latest OPS answer of the dwelling (<see cref="Occupancy"/>), the dwelling its latest RPLS state, the ceilings those of
/// the reference data on the review date, the A/B/C zone that of <see cref="OccupancySettings"/>. Sorted for the CALEOL:
/// files to send first, then by review date, commune, address and dwelling. Personal data: the bailleur's own users
/// (Bailleur or CALEOL member) and administrators only.
/// </summary>
public sealed class ListOccupancyReview(EquilibreDb db, TimeProvider clock, OccupancySettings settings)
{
    /// <param name="BailleurSiren">SIREN of the bailleur.</param>
    /// <param name="AsOf">Start of the period; today (French time) when null.</param>
    /// <param name="HorizonMonths">Length of the period in months; <see cref="OccupancySettings.ReviewHorizonMonths"/> when null.</param>
    public sealed record Request(string BailleurSiren, DateOnly? AsOf = null, int? HorizonMonths = null);

    /// <summary>
    /// One dwelling due for review, with the household and what the review finds: <c>ReviewOn</c> is the three-year
    /// anniversary of the lease in the period; <c>AbcZone</c> the zone of the commune (null when not configured);
    /// <c>InReviewZone</c> whether that zone makes the review compulsory (null when unknown); <c>SendToCaleol</c> at
    /// least one situation, in a zone not known to be outside the review zones.
    /// </summary>
    public sealed record Entry(
        string RplsId, string? LandlordReference, long ResidenceId, string Address, string CommuneCode, string? CommuneName,
        int Rooms, decimal? HabitableSurface, string CeilingFamily, bool? DwellingAdapted, AbcZone? AbcZone,
        int SurveyYear, int Persons, HouseholdType HouseholdType, decimal? ReferenceIncome, bool NeedsAdaptedDwelling,
        DateOnly LeaseSignedOn, DateOnly ReviewOn, DateOnly? LastReviewOn, bool? InReviewZone, bool SendToCaleol,
        IReadOnlyList<OccupancyReviewFinding> Findings, IReadOnlyList<string> Undetermined, IReadOnlyList<string> Explanation);

    public sealed record Result(
        OccupancyReviewOutcome Outcome, string Message, string? BailleurSiren, string? BailleurName, DateOnly From, DateOnly Until,
        IReadOnlyList<Entry> Entries, IReadOnlyList<string> Explanation)
    {
        public int ToSend => Entries.Count(e => e.SendToCaleol);
    }

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var start = request.AsOf ?? FrenchTime.Today(clock);
        var months = request.HorizonMonths ?? settings.ReviewHorizonMonths;
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var until = start.AddMonths(months);
        var siren = request.BailleurSiren.Trim();
        var bailleur = await db.Bailleurs.AsNoTracking().FirstOrDefaultAsync(b => b.Siren == siren, ct);
        if (bailleur is null)
        {
            return new Result(OccupancyReviewOutcome.UnknownBailleur, $"aucun bailleur de SIREN {siren} dans le parc importé (RPLS « version loi »)",
                siren, null, start, until, [], []);
        }

        if (!OccupancyAccess.ReadsRowsOf(user, bailleur.OrganisationId))
        {
            return new Result(OccupancyReviewOutcome.Forbidden,
                "l'examen d'occupation porte sur des données personnelles : seuls le bailleur (ses utilisateurs bailleur ou membres de CALEOL) et un administrateur le consultent",
                siren, bailleur.Name, start, until, [], []);
        }

        var rows = await (from s in OccupancyAccess.LatestStates(db)
                          where s.BailleurId == bailleur.Id
                          join d in db.Dwellings on s.DwellingId equals d.Id
                          join r in db.Residences on d.ResidenceId equals r.Id
                          join o in db.Occupancies on d.Id equals o.DwellingId
                          where o.SurveyYear <= start.Year
                          select new { State = s, Dwelling = d, Residence = r, Answers = o }).AsNoTracking().ToListAsync(ct);

        // The current household is the latest survey answer of each dwelling.
        var latest = rows.GroupBy(x => x.Dwelling.Id).Select(g => g.MaxBy(x => x.Answers.SurveyYear)!).ToList();
        var tables = new CeilingTables((await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList(), []);
        var regions = await db.Communes.AsNoTracking().Select(c => new { c.Code, c.RegionCode }).ToDictionaryAsync(c => c.Code, c => c.RegionCode, StringComparer.Ordinal, ct);
        var entries = new List<Entry>();
        var departed = 0;
        foreach (var x in latest)
        {
            var answers = x.Answers;
            if (HouseholdLeft(x.State, answers))
            {
                departed++;
                continue;
            }

            var reviewOn = OccupancyReview.NextReviewOn(answers.LeaseSignedOn, start);
            if (reviewOn >= until)
            {
                continue;
            }

            var region = x.Residence.RegionCode ?? regions.GetValueOrDefault(x.Residence.CommuneCode) ?? "";
            var basis = new DwellingCeilingBasis(x.State.Financing ?? FinancingFamily.Other, StockText.CusFamily(x.State.CusCeiling),
                CeilingZones.Of(x.Residence.CommuneCode, region).Zone, settings.AbcZoneOf(x.Residence.CommuneCode));
            var household = new HouseholdComposition(answers.Persons, answers.Dependants, answers.IsYoungCouple, answers.HasDisabledPerson);
            var (family, _) = StockEligibility.CeilingFamily(basis);
            var source = French.Format($"ménage : enquête OPS {answers.SurveyYear} ; logement : RPLS {x.State.Millesime}");
            OccupancyReviewResult review;
            if (x.State.HabitableSurface is not { } surface || x.State.Rooms < 1)
            {
                // Without the surface neither occupation norm can be checked: listed, with nothing claimed.
                review = new OccupancyReviewResult([], basis.AbcZone is { } z ? settings.Review.ReviewZones.Contains(z) : null,
                    OccupancyReview.LastReviewOn(answers.LeaseSignedOn, start), reviewOn,
                    ["surface habitable ou nombre de pièces inconnus au RPLS : examen impossible, à compléter"],
                    ["surface habitable ou nombre de pièces inconnus au RPLS : examen impossible, à compléter"]);
            }
            else
            {
                var occupancy = new OccupancyReviewCase(x.State.Rooms, surface, x.State.AdaptedForHandicap, basis, household,
                    answers.NeedsAdaptedDwelling, answers.ReferenceIncome, answers.LeaseSignedOn);
                review = OccupancyReview.Classify(occupancy, start, tables, settings.Review);
            }

            entries.Add(new Entry(
                x.Dwelling.RplsId, x.State.LandlordReference, x.Residence.Id, GetResidenceOccupancy.Address(x.Residence), x.Residence.CommuneCode, x.Residence.CommuneName,
                x.State.Rooms, x.State.HabitableSurface, StockEligibility.Label(family), x.State.AdaptedForHandicap, basis.AbcZone,
                answers.SurveyYear, answers.Persons, answers.Type, answers.ReferenceIncome, answers.NeedsAdaptedDwelling,
                answers.LeaseSignedOn, reviewOn, review.LastReviewOn, review.InReviewZone, review.SendToCaleol,
                review.Findings, review.Undetermined, [source, .. review.Explanation]));
        }

        var sorted = entries
            .OrderByDescending(e => e.SendToCaleol)
            .ThenBy(e => e.ReviewOn)
            .ThenBy(e => e.CommuneName ?? e.CommuneCode, StringComparer.Create(French.Culture, false))
            .ThenBy(e => e.Address, StringComparer.Create(French.Culture, false))
            .ThenBy(e => e.RplsId, StringComparer.Ordinal)
            .ToList();
        var explanation = new List<string>
        {
            French.Format($"logements de {bailleur.Name} (SIREN {bailleur.Siren}) au dernier millésime RPLS, occupés selon l'enquête OPS, dont l'échéance triennale du bail tombe du {start:dd/MM/yyyy} au {until.AddDays(-1):dd/MM/yyyy}"),
            French.Format($"situations de l'article L442-5-2 CCH appréciées au {start:dd/MM/yyyy}, avec les plafonds de ressources {start.Year} des données de référence"),
            settings.Review.Source,
            settings.AbcZones.Count == 0
                ? "zonage A/B/C non paramétré (Occupation:ZonesAbc) : obligation d'examen indéterminée, situations listées pour la CALEOL"
                : French.Format($"zonage A/B/C paramétré pour {settings.AbcZones.Count} commune(s) (Occupation:ZonesAbc) ; ailleurs, obligation indéterminée"),
            "plafonds PLI non chargés : dépassement indéterminé pour les logements PLI",
            "tri : dossiers à transmettre à la CALEOL d'abord, puis date d'échéance, commune, adresse",
        };
        if (departed > 0)
        {
            explanation.Add(French.Format($"{departed} logement(s) écarté(s) : le RPLS plus récent que l'enquête OPS le dit vacant ou loué par un bail postérieur, le ménage enquêté est parti (une nouvelle enquête est à importer)"));
        }

        var message = French.Format($"{sorted.Count} logement(s) à examiner, dont {sorted.Count(e => e.SendToCaleol)} dossier(s) à transmettre à la CALEOL");
        return new Result(OccupancyReviewOutcome.Listed, message, bailleur.Siren, bailleur.Name, start, until, sorted, explanation);
    }

    /// <summary>
    /// The household of the OPS answer no longer lives there: an RPLS state of the survey year or later says the
    /// dwelling is not let, or carries a lease (month) later than the one the household declared.
    /// </summary>
    public static bool HouseholdLeft(DwellingState state, Occupancy answers)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(answers);
        if (state.Millesime < answers.SurveyYear)
        {
            return false;
        }

        var notLet = state.OccupancyMode is { } mode && mode != OccupancyMode.Let;
        var newerLease = state.LeaseStart is { } lease && lease > new DateOnly(answers.LeaseSignedOn.Year, answers.LeaseSignedOn.Month, 1);
        return notLet || newerLease;
    }

    /// <summary>The situation in a few French words with its paragraph of L442-5-2, for lists and tables.</summary>
    public static string Label(OccupancyReviewReason reason) => reason switch
    {
        OccupancyReviewReason.Overcrowding => "sur-occupation (1°)",
        OccupancyReviewReason.UnderOccupation => "sous-occupation (2°)",
        OccupancyReviewReason.AdaptedDwellingNotNeeded => "logement adapté plus nécessaire (3°)",
        OccupancyReviewReason.AdaptationNeeded => "besoin d'un logement adapté (4°)",
        OccupancyReviewReason.ResourcesAboveCeiling => "ressources au-delà du plafond (5°)",
    };
}
