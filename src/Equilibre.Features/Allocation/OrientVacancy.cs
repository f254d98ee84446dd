using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The bailleur orients a declared vacancy (domain.md §9): it confirms the proposal of the ledger, or overrides it —
/// another convention of its own covering the commune, or keeping the dwelling — with a mandatory motive whenever the
/// choice differs from the proposal. The réservataire gets its designation deadline from its convention
/// (<see cref="ReservationConvention.DesignationDeadline"/>). The state change goes through <see cref="VacancyWorkflow"/>;
/// the request carries the revision read, and a stale one is a conflict saying what changed, by whom and when.
/// </summary>
public sealed class OrientVacancy(EquilibreDb db, TimeProvider clock)
{
    /// <param name="VacancyId">The vacancy.</param>
    /// <param name="ExpectedRevision">Its revision when the form was read.</param>
    /// <param name="ConventionId">The convention to orient to; null = kept by the bailleur.</param>
    /// <param name="Motive">Why the choice differs from the proposal (mandatory then).</param>
    public sealed record Request(long VacancyId, int ExpectedRevision, long? ConventionId, string? Motive);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var (vacancy, refusal) = await AllocationChanges.LoadAsync(
            db.Vacancies.Visible(scope).Where(v => v.Id == request.VacancyId), "Vacance", scope.CanActAsBailleur,
            "seul le bailleur du logement oriente la vacance ; vous la consultez", v => v.Revision, request.ExpectedRevision, Changed, ct);
        if (vacancy is null)
        {
            return refusal!;
        }

        var action = request.ConventionId is null ? VacancyAction.KeepForBailleur : VacancyAction.Orient;
        var step = VacancyWorkflow.Transition(vacancy.State, action);
        if (!step.Allowed)
        {
            return AllocationResult.Refused("Orientation", step.Explanation);
        }

        var today = FrenchTime.Today(clock);
        FluxFigures.NamedConvention? convention = null;
        if (request.ConventionId is { } conventionId)
        {
            convention = (await FluxFigures.NamedAsync(db, db.ReservationConventions.Where(c => c.Id == conventionId && c.BailleurId == vacancy.BailleurId), ct)).FirstOrDefault();
            if (convention is null)
            {
                return AllocationResult.Refused("Convention", "Convention : inconnue ou d'un autre bailleur");
            }

            if (!convention.Domain.Perimeter.Contains(vacancy.DepartementCode, vacancy.CommuneCode))
            {
                return AllocationResult.Refused("Convention", $"Convention : la commune {vacancy.CommuneCode} n'est pas dans son périmètre ({convention.Domain.Perimeter.Describe()})");
            }

            if (!convention.Domain.ValidOn(today))
            {
                return AllocationResult.Refused("Convention", French.Format($"Convention : {convention.Record.Reference} n'est pas en vigueur au {today:dd/MM/yyyy}"));
            }
        }

        var motive = string.IsNullOrWhiteSpace(request.Motive) ? null : request.Motive.Trim();
        var overrides = request.ConventionId != vacancy.ProposedConventionId;
        if (overrides && motive is null)
        {
            return AllocationResult.Refused("Motif", "Motif : obligatoire quand l'orientation diffère de la proposition d'Equilibre (" + (vacancy.ProposalReason ?? "aucune proposition") + ")");
        }

        var now = clock.GetUtcNow();
        vacancy.State = step.State!.Value;
        vacancy.OrientedOn = today;
        vacancy.ConventionId = convention?.Record.Id;
        vacancy.ReservataireOrganisationId = convention?.Record.ReservataireOrganisationId;
        vacancy.DesignationDeadline = convention?.Domain.DesignationDeadline(today);
        vacancy.OverrideMotive = overrides ? motive : null;
        vacancy.UpdatedAt = now;
        vacancy.UpdatedBy = user.DisplayName;
        vacancy.Revision++;
        var summary = convention is null
            ? "vacance conservée par le bailleur"
            : French.Format($"vacance orientée vers {convention.ReservataireName} ({convention.Record.Reference}) ; désignation attendue au plus tard le {vacancy.DesignationDeadline:dd/MM/yyyy}");
        summary += overrides ? " — la proposition n'a pas été suivie" : " — proposition confirmée";
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, summary, overrides ? "motif : " + motive : step.Explanation, user, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == request.VacancyId, ct);
            return AllocationResult.Conflict(current is null ? "la vacance a été supprimée entre-temps" : Changed(current));
        }

        return AllocationResult.Done(vacancy.Id, summary);
    }

    /// <summary>What the user must know before retrying: the vacancy's state now, who changed it and when.</summary>
    internal static string Changed(Vacancy vacancy) =>
        French.Format($"la vacance n° {vacancy.Id} a changé depuis votre lecture : elle est {VacancyWorkflow.Label(vacancy.State)} (modifiée par {vacancy.UpdatedBy} le {FrenchTime.InFrance(vacancy.UpdatedAt):dd/MM/yyyy à HH:mm}, version {vacancy.Revision})");
}
