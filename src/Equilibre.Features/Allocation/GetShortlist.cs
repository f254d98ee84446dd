using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The shortlist of a vacancy (issue 6 item 3, domain.md §5, §7.2, §12): the eligible demands ranked by cotation
/// (<see cref="ShortlistEngine"/>), each with Q1 or not, priority/DALO, mutation, score, the rules' notes and what
/// choosing it does to the EPCI's and the designator's T1/T2/T3 this year (<see cref="DesignationChecks.EffectOf(DesignatedCandidate, bool, IEnumerable{TargetCounter})"/>
/// on <see cref="TargetCounters"/>); the count of eligible demands, which decides the "too few eligible" exception
/// (R441-3), and the excluded ones by reason — counts only: the names of households that are not eligible are never
/// shown (product.md "Privacy"), and no name at all is shown here, only numbers. Readable by whoever sees the vacancy
/// (<see cref="AllocationAccess"/>); <see cref="Result.CanDesignate"/> says whether the user may designate.
/// </summary>
public sealed class GetShortlist(EquilibreDb db, TimeProvider clock, StockSettings stockSettings, AllocationSettings settings, TargetsSettings targets, QpvRuleSettings qpv)
{
    /// <summary>How many eligible demands the page shows at most.</summary>
    public const int Shown = 50;

    public sealed record Request(long VacancyId);

    /// <summary>One candidate as shown: rank, facts, badges, the rules' notes, and the effect on each counter.</summary>
    public sealed record Candidate(
        int Rank,
        string Numero,
        int Persons,
        decimal MonthlyResources,
        decimal? ReferenceIncome,
        decimal Score,
        bool? IsQ1,
        bool IsDalo,
        bool IsPriority,
        bool IsMutation,
        IReadOnlyList<string> Badges,
        IReadOnlyList<string> Notes,
        IReadOnlyList<TargetMove> Effects);

    /// <summary>Excluded demands for one reason (counts only).</summary>
    public sealed record Exclusion(ShortlistCheck Check, string Reason, int Count);

    public sealed record Result(
        Vacancy Vacancy,
        bool CanDesignate,
        string? CannotDesignateReason,
        DateOnly Signature,
        IReadOnlyList<Candidate> Candidates,
        int EligibleCount,
        bool CountIsExact,
        int Examined,
        int Pool,
        IReadOnlyList<Exclusion> Excluded,
        int MinimumCandidates,
        bool TooFewEligible,
        IReadOnlyList<TargetCounter> Counters,
        IReadOnlyList<string> Notes);

    /// <summary>The shortlist, or null when the vacancy is not in the user's scope (pages and API answer 404).</summary>
    public async Task<Result?> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var vacancy = await db.Vacancies.AsNoTracking().Visible(scope).FirstOrDefaultAsync(v => v.Id == request.VacancyId, ct);
        if (vacancy is null)
        {
            return null;
        }

        var today = FrenchTime.Today(clock);
        var signature = vacancy.AvailableOn > today ? vacancy.AvailableOn : today;
        var canDesignate = scope.CanDesignate(vacancy);
        var stateAllows = VacancyWorkflow.Transition(vacancy.State, VacancyAction.ReceiveDesignation);
        string? why = !canDesignate ? "vous ne désignez pas sur ce logement : " + scope.Description
            : !stateAllows.Allowed ? stateAllows.Explanation
            : null;

        var loaded = await ShortlistEngine.DwellingAsync(db, vacancy, ct);
        if (loaded is not { } place)
        {
            return new Result(vacancy, false, "état du logement introuvable dans le répertoire du parc : liste impossible", signature, [], 0, true, 0, 0, [],
                settings.Designation.MinimumCandidates, false, [], []);
        }

        var context = await ShortlistEngine.ContextAsync(db, signature, vacancy.EpciSiren, stockSettings, settings, ct);
        var prepared = new PreparedDwelling(place.Dwelling, context);
        var scan = await ShortlistEngine.ScanAsync(db, prepared, vacancy.Id, Shown, today, ct);

        var counters = await CountersAsync(vacancy, signature.Year, ct);
        var candidates = scan.Eligible.Select(e =>
        {
            var d = e.Demand;
            var designated = new DesignatedCandidate(d.Number, d.IsFirstQuartile, d.IsDalo, d.IsPriority, false, false);
            return new Candidate(e.Rank, d.Number, e.Row.Persons, d.MonthlyResources, e.Row.ReferenceIncome, d.CotationScore, d.IsFirstQuartile, d.IsDalo, d.IsPriority,
                d.IsMutation, ShortlistRules.Badges(d), ShortlistRules.Check(place.Dwelling, d, context).Notes,
                DesignationChecks.EffectOf(designated, place.Dwelling.InQpvForTargets, counters, settings.TargetEffects));
        }).ToList();

        var exclusions = scan.Excluded.OrderBy(x => x.Key).Select(x => new Exclusion(x.Key, Label(x.Key), x.Value)).ToList();
        var exact = scan.Exhausted;
        var minimum = settings.Designation.MinimumCandidates;
        var notes = new List<string>(place.Notes);
        notes.Add(exact
            ? French.Format($"{scan.Pool} demande(s) active(s) souhaitent la commune {vacancy.CommuneCode} (hors candidates ici et ménages déjà locataires) ; toutes examinées : {scan.EligibleCount} éligible(s)")
            : French.Format($"les {scan.Examined} demandes les mieux cotées parmi celles qui souhaitent la commune {vacancy.CommuneCode} examinées : au moins {scan.EligibleCount} éligible(s)"));
        if (vacancy.InQpv is null)
        {
            notes.Add("situation du logement en QPV inconnue : traité comme hors QPV pour les objectifs, à vérifier");
        }

        notes.Add(context.Thresholds.Source);
        return new Result(vacancy, why is null, why, signature, candidates, scan.EligibleCount, exact, scan.Examined, scan.Pool, exclusions, minimum,
            exact && scan.EligibleCount < minimum, counters, notes);
    }

    /// <summary>The counters the designation moves: the EPCI's, and the designator's (réservataire, or the bailleur on its flux).</summary>
    private async Task<IReadOnlyList<TargetCounter>> CountersAsync(Vacancy vacancy, int year, CancellationToken ct)
    {
        if (vacancy.EpciSiren is not { } epci)
        {
            return [];
        }

        var epciName = await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? epci;
        var holderName = vacancy.ReservataireOrganisationId is { } r
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == r).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : await db.Bailleurs.AsNoTracking().Where(b => b.Id == vacancy.BailleurId).Select(b => b.Name).FirstOrDefaultAsync(ct);
        return await TargetCounters.ReadAsync(db, epci, epciName, new TargetCounters.Holder(vacancy.ReservataireOrganisationId, vacancy.BailleurId, holderName ?? "désignataire"),
            year, targets, qpv, ct);
    }

    public static string Label(ShortlistCheck check) => check switch
    {
        ShortlistCheck.Commune => "commune non souhaitée",
        ShortlistCheck.Typology => "typologie non souhaitée",
        ShortlistCheck.Adaptation => "logement non adapté au handicap d'un membre du ménage (ou réservé aux ménages qui en ont besoin)",
        ShortlistCheck.Overcrowding => "surface insuffisante pour le ménage (sur-occupation)",
        ShortlistCheck.Ceiling => "ressources au-dessus du plafond",
        ShortlistCheck.Affordability => "taux d'effort ou reste à vivre hors des seuils locaux",
        _ => check.ToString(),
    };
}
