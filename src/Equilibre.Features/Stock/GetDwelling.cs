using Equilibre.Domain;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// One dwelling as the user may see it (<see cref="StockAccess"/>; null otherwise, which the pages answer 404): its
/// identity and résidence, every fact of the chosen millésime (latest by default), the history of its millésimes,
/// the rent per m², "in QPV for the targets" today by the dated rule over the priority-areas referential, and the
/// eligibility panel — who can live here (domain.md §3, §4, §7.4, §12): the resource ceilings of its ceiling family
/// and zone by household category at today's date, the household sizes the occupancy norms allow, and for the
/// typical first-quartile household of each size the taux d'effort and reste à vivre at the EPCI's Q1 threshold.
/// An optional household is checked against the ceiling (at the ceiling eligible, one euro above not).
/// </summary>
public sealed class GetDwelling(EquilibreDb db, TimeProvider clock, QpvRuleSettings qpvSettings, StockSettings stockSettings)
{
    /// <summary>A household to check against the dwelling's ceiling.</summary>
    /// <param name="Persons">Persons to house.</param>
    /// <param name="Dependants">Persons à charge among them.</param>
    /// <param name="YoungCouple">Jeune ménage (couple, sum of ages ≤ 55).</param>
    /// <param name="Disabled">A person holding a disability card among them.</param>
    /// <param name="ReferenceIncome">Sum of the revenus fiscaux de référence N-2, €.</param>
    public sealed record HouseholdCheck(int Persons, int Dependants, bool YoungCouple, bool Disabled, decimal ReferenceIncome);

    public sealed record Request(long Id, int? Millesime = null, HouseholdCheck? Household = null);

    /// <summary>One category of the ceilings table: who it is and the annual ceiling (null when unknown, with why).</summary>
    public sealed record CeilingRow(int Category, string Households, decimal? Amount, IReadOnlyList<string> Explanation);

    /// <summary>The ceilings of one zone; several when the commune's zone cannot be told.</summary>
    public sealed record ZoneCeilings(CeilingZone Zone, string ZoneLabel, IReadOnlyList<CeilingRow> Rows, decimal? PerExtraPerson);

    /// <summary>The checked household's eligibility, per zone when the zone is unknown.</summary>
    public sealed record HouseholdResult(HouseholdCheck Household, IReadOnlyList<(string Zone, EligibilityResult Result)> Results);

    /// <summary>"In QPV for the targets" on a date; null when it cannot be established (said why).</summary>
    public sealed record QpvToday(DateOnly Date, bool? InQpvForTargets, string Explanation);

    public sealed record EligibilityPanel(
        DateOnly AsOf,
        FinancingFamily CeilingFamily,
        string CeilingFamilyExplanation,
        string ZoneExplanation,
        bool ZoneKnown,
        IReadOnlyList<ZoneCeilings> Ceilings,
        string? CeilingsUnavailable,
        OccupancyFit? Fit,
        string FitExplanation,
        Q1AffordabilityResult? Q1,
        string Q1Explanation,
        IReadOnlyList<string> Assumptions,
        string Adaptation,
        HouseholdResult? Household);

    public sealed record Result(
        Dwelling Dwelling, Residence Residence, string? EpciSiren, string? EpciName, string? BailleurName, string? BailleurSiren,
        DwellingState State, IReadOnlyList<DwellingState> History, decimal? RentPerSquareMetre, QpvToday Qpv, EligibilityPanel Eligibility, StockScope Scope);

    private static readonly string[] CategoryHouseholds =
    [
        "une personne seule",
        "deux personnes sans personne à charge (hors jeune ménage), ou une personne seule en situation de handicap",
        "trois personnes, ou une personne avec une personne à charge, ou un jeune ménage sans personne à charge, ou deux personnes dont une en situation de handicap",
        "quatre personnes, ou une personne avec deux personnes à charge, ou trois personnes dont une en situation de handicap",
        "cinq personnes, ou une personne avec trois personnes à charge, ou quatre personnes dont une en situation de handicap",
        "six personnes, ou une personne avec quatre personnes à charge, ou cinq personnes dont une en situation de handicap",
    ];

    public async Task<Result?> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await StockAccess.ScopeAsync(db, user, ct);
        var dwelling = await db.Dwellings.AsNoTracking().Visible(db, scope).FirstOrDefaultAsync(d => d.Id == request.Id, ct);
        if (dwelling is null)
        {
            return null;
        }

        var history = await db.DwellingStates.AsNoTracking().Where(s => s.DwellingId == dwelling.Id).OrderByDescending(s => s.Millesime).ToListAsync(ct);
        if (history.Count == 0)
        {
            return null;
        }

        var state = history.FirstOrDefault(s => s.Millesime == request.Millesime) ?? history[0];
        var residence = await db.Residences.AsNoTracking().SingleAsync(r => r.Id == dwelling.ResidenceId, ct);
        var commune = await db.Communes.AsNoTracking().Where(c => c.Code == residence.CommuneCode)
            .Select(c => new { c.RegionCode, c.EpciSiren }).FirstOrDefaultAsync(ct);
        var epciSiren = residence.EpciSiren ?? commune?.EpciSiren;
        var epciName = epciSiren is null ? null : await db.Epcis.AsNoTracking().Where(e => e.Siren == epciSiren).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var bailleur = state.BailleurId is { } bid
            ? await db.Bailleurs.AsNoTracking().Where(b => b.Id == bid).Select(b => new { b.Name, b.Siren }).FirstOrDefaultAsync(ct)
            : null;
        var today = FrenchTime.Today(clock);
        var rentPerM2 = state.MonthlyRent is { } rent && state.HabitableSurface is > 0 ? Math.Round(rent / state.HabitableSurface.Value, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
        var qpv = await QpvAsync(residence, state.Millesime, today, ct);
        var panel = await PanelAsync(residence, commune?.RegionCode, epciSiren, state, today, request.Household, ct);
        return new Result(dwelling, residence, epciSiren, epciName, bailleur?.Name, bailleur?.Siren, state, history, rentPerM2, qpv, panel, scope);
    }

    private async Task<QpvToday> QpvAsync(Residence residence, int millesime, DateOnly today, CancellationToken ct)
    {
        if (residence.QpvCode is { Length: > 0 } code)
        {
            var areas = await db.PriorityAreas.AsNoTracking().Where(a => a.Code == code).ToListAsync(ct);
            if (areas.Count == 0)
            {
                return new QpvToday(today, null, French.Format(
                    $"géocodé dans le quartier {code} par le RPLS {residence.Millesime}, mais ce code est absent du référentiel des quartiers importé (import qpv) : situation au {today:dd/MM/yyyy} indéterminée"));
            }

            var status = QpvStatus.ForTargets(areas.Select(a => a.ToDomain()).DistinctBy(a => (a.Code, a.Kind, a.ValidFrom)), today, qpvSettings);
            return new QpvToday(today, status.InQpvForTargets, status.Explanation);
        }

        return residence.InQpv switch
        {
            true => new QpvToday(today, null, French.Format(
                $"en QPV selon l'indicateur du RPLS {residence.Millesime} (sans code de quartier) : la règle datée ne peut pas être appliquée au {today:dd/MM/yyyy} sans le code du quartier")),
            false => new QpvToday(today, false, French.Format(
                $"hors QPV au {today:dd/MM/yyyy} : le RPLS {residence.Millesime} ne le géocode dans aucun QPV")
                + (residence.ExZus == true ? " (ex-ZUS selon le RPLS : l'assimilation aux QPV se vérifie avec le code du quartier)" : "")),
            null => new QpvToday(today, null, French.Format($"le RPLS {millesime} ne dit pas si le logement est en QPV : situation indéterminée")),
        };
    }

    private async Task<EligibilityPanel> PanelAsync(
        Residence residence, string? communeRegion, string? epciSiren, DwellingState state, DateOnly today, HouseholdCheck? household, CancellationToken ct)
    {
        var hlm = (await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        var tables = new CeilingTables(hlm, []);
        var financing = state.Financing ?? FinancingFamily.Other;
        var cus = StockText.CusFamily(state.CusCeiling);
        var (family, familyWhy) = StockEligibility.CeilingFamily(new DwellingCeilingBasis(financing, cus, null, null));
        if (state.Financing is null)
        {
            familyWhy += French.Format($" (code FINAN « {state.FinancingCode} » inconnu de la table de correspondance)");
        }

        // Zone: the région of the RPLS line, else that of the commune in the COG; unknown → every zone shown.
        var region = residence.RegionCode ?? communeRegion;
        CeilingZone? zone = null;
        bool zoneKnown;
        string zoneWhy;
        if (region is null)
        {
            zoneKnown = false;
            zoneWhy = French.Format($"région de la commune {residence.CommuneCode} inconnue (ni colonne région dans le fichier RPLS, ni commune dans le COG chargé) : zone des plafonds HLM inconnue, les plafonds des trois zones sont donnés");
        }
        else
        {
            var z = CeilingZones.Of(residence.CommuneCode, region);
            zone = z.Zone;
            zoneKnown = z.Zone is not null;
            zoneWhy = z.Explanation;
        }

        CeilingZone[] zones = zoneKnown ? [zone!.Value] : region is null ? Enum.GetValues<CeilingZone>() : [];
        var ceilings = new List<ZoneCeilings>();
        string? unavailable = null;
        if (family is FinancingFamily.Plai or FinancingFamily.Plus or FinancingFamily.Pls)
        {
            var f = family switch { FinancingFamily.Plai => Financing.Plai, FinancingFamily.Plus => Financing.Plus, _ => Financing.Pls };
            foreach (var z in zones)
            {
                var rows = Enumerable.Range(1, 6).Select(rank =>
                {
                    var lookup = ResourceCeilings.Find(hlm, f, z, rank, today);
                    return new CeilingRow(rank, CategoryHouseholds[rank - 1], lookup.Amount, lookup.Explanation);
                }).ToList();
                var seven = ResourceCeilings.Find(hlm, f, z, 7, today).Amount;
                ceilings.Add(new ZoneCeilings(z, ResourceCeilings.Label(z), rows, seven - rows[5].Amount));
            }

            if (zones.Length == 0)
            {
                unavailable = zoneWhy;
            }
        }
        else
        {
            unavailable = family == FinancingFamily.Pli
                ? "PLI : les plafonds PLI et le zonage A/B/C des communes ne sont pas chargés dans Equilibre : plafond indéterminé"
                : "pas de plafond de ressources connu pour ce financement : éligibilité indéterminée";
        }

        var assumptions = new List<string>
        {
            French.Format($"plafonds en vigueur au {today:dd/MM/yyyy} (arrêté du 29 juillet 1987 modifié, données de référence plafonds-hlm), révisés chaque 1er janvier"),
        };

        HouseholdResult? checkedHousehold = null;
        if (household is not null)
        {
            var composition = new HouseholdComposition(household.Persons, household.Dependants, household.YoungCouple, household.Disabled);
            var results = (zones.Length > 0 ? zones.Select(z => ((CeilingZone?)z, ResourceCeilings.Label(z))) : [((CeilingZone?)null, "zone inconnue")])
                .Select(z => (z.Item2, StockEligibility.Check(new DwellingCeilingBasis(financing, cus, z.Item1, null), composition, household.ReferenceIncome, today, tables)))
                .ToList();
            checkedHousehold = new HouseholdResult(household, results);
        }

        OccupancyFit? fit = null;
        string fitWhy;
        if (state.HabitableSurface is { } surface)
        {
            fit = OccupancyNorms.SizesThatFit(state.Rooms, surface);
            fitWhy = fit.Explanation;
        }
        else
        {
            fitWhy = French.Format($"surface habitable inconnue : seule la sous-occupation se juge ({state.Rooms} pièce(s) : au moins {Math.Max(1, state.Rooms - 1)} personne(s), L621-2)");
        }

        Q1AffordabilityResult? q1 = null;
        string q1Why;
        var threshold = epciSiren is null ? null : await db.Q1Thresholds.AsNoTracking()
            .Where(t => t.EpciSiren == epciSiren && t.Year == today.Year)
            .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).FirstOrDefaultAsync(ct);
        if (epciSiren is null)
        {
            q1Why = "EPCI du logement inconnu : pas de seuil du premier quartile, ménages types non évalués";
        }
        else if (threshold is null)
        {
            q1Why = French.Format($"aucun seuil du premier quartile {today.Year} pour l'EPCI {epciSiren} (il ne figure pas dans l'arrêté) : ménages types non évalués");
        }
        else if (state.MonthlyRent is not { } rent)
        {
            q1Why = "loyer principal inconnu (le fichier open data n'en donne pas ; « version loi » nécessaire) : taux d'effort non calculable";
        }
        else if (state.HabitableSurface is not { } area)
        {
            q1Why = "surface habitable inconnue : taux d'effort calculable mais normes d'occupation non, ménages types non évalués";
        }
        else
        {
            var charges = state.EstimatedCharges ?? 0m;
            var dwellingFacts = new StockDwelling(state.Rooms, area, rent, 0m, charges, 0m, false, new DwellingCeilingBasis(financing, cus, zone, null));
            q1 = Q1Affordability.ForDwelling(dwellingFacts, threshold, stockSettings.For(epciSiren), HousingAidAssumption.NotComputed, null, tables, today);
            q1Why = French.Format($"seuil du premier quartile {threshold.Year} de l'EPCI : {threshold.AmountPerUcPerYear:N0} € par UC et par an");
            assumptions.Add(state.EstimatedCharges is null
                ? "charges locatives non renseignées : 0 € retenu, le taux d'effort est minoré d'autant"
                : French.Format($"charges estimées par le bailleur : {charges:N2} € par mois"));
            assumptions.Add("APL/AL non calculée par Equilibre : aucune aide déduite, le taux d'effort est un majorant pour les ménages qui y ont droit");
            assumptions.Add("eau et chauffage supposés collectifs (compris dans les charges) : aucun forfait ajouté ; pas d'annexe ni de contribution du locataire");
            assumptions.Add(stockSettings.For(epciSiren).Source);
        }

        var adaptation = state.AdaptedForHandicap switch
        {
            true => "logement adapté au handicap : à proposer en priorité à un ménage dont une personne en a besoin (L442-5-2 3° à l'examen d'occupation s'il ne l'est plus)",
            false => "logement non adapté au handicap",
            null => "adaptation au handicap non renseignée (colonne ADAPTE_HANDICAP absente ou vide : elle n'est pas dans le fichier open data)",
        };
        if (state.Accessibility is { Length: > 0 } pmr)
        {
            adaptation += $" ; accessibilité PMR : {pmr}";
        }

        return new EligibilityPanel(today, family, familyWhy, zoneWhy, zoneKnown, ceilings, unavailable, fit, fitWhy, q1, q1Why, assumptions, adaptation, checkedHousehold);
    }
}
