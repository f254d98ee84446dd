using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Returns to the bailleur the vacancies whose réservataire let its designation deadline pass (issue 6: "a missed deadline
/// returns the dwelling to the bailleur (counted in the flux)"): an oriented vacancy whose deadline is before today goes
/// <see cref="VacancyState.ReturnedToBailleur"/> through <see cref="VacancyWorkflow"/>, marked <see cref="Vacancy.Returned"/>
/// so that the ledger counts it under the convention's <see cref="ReturnRules"/>, and the bailleur designates from then on
/// (the réservataire no longer does: <see cref="Vacancy.ReservataireOrganisationId"/> is cleared, the convention kept).
/// Run daily by the web host; idempotent (a returned vacancy is no longer oriented), and a vacancy changed meanwhile by
/// someone else is left for the next run.
/// </summary>
public sealed class ExpireDesignations(EquilibreDb db, TimeProvider clock)
{
    public sealed record Result(int Returned, IReadOnlyList<string> Lines);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = FrenchTime.Today(clock);
        var due = await db.Vacancies.Where(v => v.State == VacancyState.Oriented && v.DesignationDeadline != null && v.DesignationDeadline < today)
            .OrderBy(v => v.DesignationDeadline).ThenBy(v => v.Id).ToListAsync(ct);
        var lines = new List<string>();
        foreach (var vacancy in due)
        {
            if (db.Entry(vacancy).State == EntityState.Detached)
            {
                db.Attach(vacancy);
            }

            var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.ReturnToBailleur);
            if (!step.Allowed)
            {
                continue;
            }

            var convention = vacancy.ConventionId is { } cid
                ? await db.ReservationConventions.AsNoTracking().Where(c => c.Id == cid)
                    .Select(c => new { c.Reference, c.Redesignations, c.ReturnedCountsAsDelivered, Name = db.Organisations.Where(o => o.Id == c.ReservataireOrganisationId).Select(o => o.Name).FirstOrDefault() })
                    .FirstOrDefaultAsync(ct)
                : null;
            var rules = convention is null ? ReturnRules.Default : new ReturnRules(convention.Redesignations, convention.ReturnedCountsAsDelivered,
                convention.Redesignations != ReturnRules.Default.Redesignations || convention.ReturnedCountsAsDelivered != ReturnRules.Default.ReturnedCountsAsDelivered
                    ? $"convention {convention.Reference}" : ReturnRules.Default.Source);
            var now = clock.GetUtcNow();
            var reason = French.Format($"délai de désignation dépassé : {convention?.Name ?? "le réservataire"} devait désigner ses candidats au plus tard le {vacancy.DesignationDeadline:dd/MM/yyyy} ; {step.Explanation}")
                + (rules.ReturnedCountsAsDelivered ? $" (compté comme mis à disposition — {rules.Source})" : $" (non compté comme mis à disposition — {rules.Source})");
            vacancy.State = step.State!.Value;
            vacancy.Returned = true;
            vacancy.ReturnedOn = today;
            vacancy.ReturnReason = reason.Length <= 1000 ? reason : reason[..999] + "…";
            vacancy.ReservataireOrganisationId = null;
            vacancy.UpdatedAt = now;
            vacancy.UpdatedBy = user.DisplayName;
            vacancy.Revision++;
            db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, "logement rendu au bailleur", reason, user, now));
            try
            {
                await db.SaveChangesAsync(ct);
                lines.Add(French.Format($"vacance n° {vacancy.Id} : {reason}"));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone designated or changed it meanwhile: the next run sees its new state.
                db.ChangeTracker.Clear();
            }
        }

        return new Result(lines.Count, lines);
    }
}
