using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The réservataire (or the bailleur on its own flux) designates its candidates on a vacancy, in its order (issue 6
/// item 3, domain.md §7.2, §17.5). Each demand is checked again as the shortlist did (<see cref="PreparedDwelling"/>,
/// with the reasons of <see cref="ShortlistRules.Check"/> when it fails: an ineligible demand is refused with them, as
/// is one already candidate here or already housed); then <see cref="DesignationChecks.Check"/>: fewer than three
/// candidates is refused unless an exception applies (too few eligible demands, counted by the same scan; a DALO
/// household designated by the préfet), and the CIA rules come back as warnings. Saved together: one
/// <see cref="Allocation.Candidate"/> per demand with the facts shown at designation, a <see cref="DemandEventKind.Designated"/>
/// entry on each demand's shared history, one audit line, and the vacancy moved by <see cref="VacancyWorkflow"/>
/// (<see cref="VacancyAction.ReceiveDesignation"/>). Optimistic concurrency on the vacancy's revision: of two designations
/// racing, one wins and the other gets a Conflict that says what changed.
/// </summary>
public sealed class DesignateCandidates(EquilibreDb db, TimeProvider clock, StockSettings stockSettings, AllocationSettings settings)
{
    /// <summary>One designated demand, in the designator's order.</summary>
    /// <param name="Numero">Numéro unique.</param>
    /// <param name="DesignatedByPrefetUnderDalo">A DALO household designated by the préfet (L441-2-3): exception to the three-candidate rule.</param>
    public sealed record Choice(string Numero, bool DesignatedByPrefetUnderDalo = false);

    /// <param name="VacancyId">The vacancy.</param>
    /// <param name="ExpectedRevision">The vacancy's revision when the shortlist was read.</param>
    /// <param name="Candidates">The chosen demands, in order.</param>
    /// <param name="ExceptionMotive">Why fewer than three candidates (kept in the audit), optional.</param>
    public sealed record Request(long VacancyId, int ExpectedRevision, IReadOnlyList<Choice> Candidates, string? ExceptionMotive = null);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var (vacancy, refusal) = await AllocationChanges.LoadAsync(
            db.Vacancies.Visible(scope).Where(v => v.Id == request.VacancyId), "vacance", scope.CanDesignate,
            $"vous ne désignez pas sur ce logement : {scope.Description}", v => v.Revision, request.ExpectedRevision, Changed, ct);
        if (vacancy is null)
        {
            return refusal!;
        }

        var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.ReceiveDesignation);
        if (!step.Allowed)
        {
            return AllocationResult.Refused("Vacance", step.Explanation);
        }

        var numeros = request.Candidates.Select(c => c.Numero.Trim()).ToList();
        if (numeros.Count == 0)
        {
            return AllocationResult.Refused("Candidats", "aucun candidat désigné : cochez au moins une demande");
        }

        var distinct = numeros.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Demands.AsNoTracking().Where(d => distinct.Contains(d.Numero))
            .Select(d => new
            {
                Row = new ShortlistRow(d.Id, d.Numero, d.RegisteredOn, d.Typologies, d.Persons, d.CategoryRank, d.ConsumptionUnits, d.MonthlyResources,
                    d.ReferenceIncome, d.IsQ1, d.Dalo, d.HasPriority, d.IsMutation, d.Handicap, db.DemandScores.Where(s => s.DemandId == d.Id).Select(s => s.Score).FirstOrDefault()),
                d.Status,
                Candidate = db.Candidates.Any(c => c.VacancyId == vacancy.Id && c.DemandId == d.Id),
                Leased = db.Leases.Any(l => l.DemandId == d.Id && l.EndedOn == null),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Row.DemandId).ToList();
        var wishes = (await db.DemandWishes.AsNoTracking().Where(w => ids.Contains(w.DemandId)).Select(w => new { w.DemandId, w.CommuneCode }).ToListAsync(ct))
            .ToLookup(w => w.DemandId, w => w.CommuneCode);

        var loaded = await ShortlistEngine.DwellingAsync(db, vacancy, ct);
        if (loaded is not { } place)
        {
            return AllocationResult.Refused("Vacance", "état du logement introuvable dans le répertoire du parc : désignation impossible");
        }

        var today = FrenchTime.Today(clock);
        var context = await ShortlistEngine.ContextAsync(db, vacancy.AvailableOn > today ? vacancy.AvailableOn : today, vacancy.EpciSiren, stockSettings, settings, ct);
        var prepared = new PreparedDwelling(place.Dwelling, context);

        var errors = new List<FieldError>();
        var byNumero = rows.ToDictionary(r => r.Row.Numero, StringComparer.Ordinal);
        var demands = new List<(ShortlistRow Row, ShortlistDemand Demand, Choice Choice)>();
        for (var i = 0; i < request.Candidates.Count; i++)
        {
            var choice = request.Candidates[i];
            var field = $"Candidats[{i}]";
            if (!byNumero.TryGetValue(choice.Numero.Trim(), out var found))
            {
                errors.Add(new(field, $"demande {choice.Numero} : numéro unique inconnu"));
                continue;
            }

            if (found.Status != DemandStatus.Active)
            {
                errors.Add(new(field, $"demande {choice.Numero} : radiée, elle ne peut pas être désignée"));
                continue;
            }

            if (found.Candidate)
            {
                errors.Add(new(field, $"demande {choice.Numero} : déjà candidate sur ce logement"));
                continue;
            }

            if (found.Leased)
            {
                errors.Add(new(field, $"demande {choice.Numero} : le ménage a déjà un bail actif"));
                continue;
            }

            var demand = found.Row.ToDomain(wishes[found.Row.DemandId].ToHashSet(StringComparer.Ordinal));
            if (!prepared.IsEligible(demand))
            {
                var reasons = ShortlistRules.Check(place.Dwelling, demand, context, allReasons: true).Failures.Select(f => f.Explanation).ToList();
                errors.Add(new(field, $"demande {choice.Numero} non éligible à ce logement : {(reasons.Count > 0 ? string.Join(" ; ", reasons) : "plafond de ressources dépassé pour sa catégorie de ménage")}"));
                continue;
            }

            demands.Add((found.Row, demand, choice));
        }

        if (errors.Count > 0)
        {
            return AllocationResult.Invalid(errors, string.Join(" ; ", errors.Select(e => e.Message)));
        }

        var scan = await ShortlistEngine.ScanAsync(db, prepared, vacancy.Id, settings.Designation.MinimumCandidates, today, ct);

        // A scan that stopped before the end found at least this many: never "too few" then.
        var eligible = scan.Exhausted ? scan.EligibleCount : Math.Max(scan.EligibleCount, settings.Designation.MinimumCandidates);
        var designated = demands.Select(d => new DesignatedCandidate(d.Demand.Number, d.Demand.IsFirstQuartile, d.Demand.IsDalo, d.Demand.IsPriority, d.Choice.DesignatedByPrefetUnderDalo, false)).ToList();
        var check = DesignationChecks.Check(designated, new DesignationContext(place.Dwelling.InQpvForTargets, eligible, false), settings.Designation);
        if (!check.Valid)
        {
            return AllocationResult.Refused("Candidats", string.Join(" ; ", check.Errors));
        }

        var now = clock.GetUtcNow();
        var who = scope.IsAdministrator ? null : scope.OrganisationId;
        var created = demands.Select((d, i) => new Candidate
        {
            VacancyId = vacancy.Id,
            DemandId = d.Row.DemandId,
            Order = i + 1,
            DesignatedByOrganisationId = who,
            DesignatedBy = user.DisplayName,
            DesignatedAt = now,
            Score = d.Demand.CotationScore,
            IsQ1 = d.Demand.IsFirstQuartile,
            IsPriority = d.Demand.IsPriority,
            IsDalo = d.Demand.IsDalo,
            IsMutation = d.Demand.IsMutation,
            DesignatedByPrefetUnderDalo = d.Choice.DesignatedByPrefetUnderDalo,
            State = CandidateDecisionState.Pending,
            Revision = 1,
        }).ToList();
        db.Candidates.AddRange(created);
        var place1 = French.Format($"logement {vacancy.Rooms} pièce(s) à {vacancy.CommuneCode} (vacance {vacancy.Id})");
        foreach (var d in demands.Select((d, i) => (d, i)))
        {
            db.DemandEvents.Add(DemandAccess.Event(d.d.Row.DemandId, DemandEventKind.Designated,
                French.Format($"désignée candidate en rang {d.i + 1} sur un {place1}"),
                d.d.Choice.DesignatedByPrefetUnderDalo ? "désignée par le préfet au titre du DALO (L441-2-3)" : null, user, now));
        }

        vacancy.State = step.State!.Value;
        vacancy.Revision++;
        vacancy.UpdatedAt = now;
        vacancy.UpdatedBy = user.DisplayName;
        var detail = string.Join(" | ", check.Explanation.Concat(string.IsNullOrWhiteSpace(request.ExceptionMotive) ? [] : [$"motif de l'exception : {request.ExceptionMotive.Trim()}"]));
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id,
            $"{step.Explanation} : {string.Join(", ", demands.Select((d, i) => $"{i + 1}. {d.Demand.Number}"))}", detail, user, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency token mismatch, or the unique (vacancy, demand) index hit by a designation that won the race.
            db.ChangeTracker.Clear();
            var current = await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct);
            return AllocationResult.Conflict(Changed(current));
        }

        return AllocationResult.Done(vacancy.Id,
            French.Format($"{created.Count} candidat(s) désigné(s) sur le {place1} : {step.Explanation}"), check.Warnings);
    }

    private static string Changed(Vacancy vacancy) => French.Format(
        $"la vacance a changé depuis votre lecture : elle est {VacancyWorkflow.Label(vacancy.State)} (modifiée par {vacancy.UpdatedBy} le {FrenchTime.InFrance(vacancy.UpdatedAt):dd/MM/yyyy à HH:mm})");
}
