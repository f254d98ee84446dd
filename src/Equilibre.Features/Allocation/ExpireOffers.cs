using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The daily pass over pending offers (R441-10): an offer with no answer by the end of its deadline is worth a refusal
/// (<see cref="OfferWorkflow"/> Expire) and is followed exactly like one — the next ranked candidate is offered, or the
/// vacancy goes back per its return rules. Idempotent: only offers still pending after their deadline are touched, each
/// in its own transaction, so a rerun the same day changes nothing and a conflict on one offer does not stop the others.
/// </summary>
public sealed class ExpireOffers(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Result(int Expired, IReadOnlyList<string> Lines);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = FrenchTime.Today(clock);
        var due = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending && o.Deadline < today).OrderBy(o => o.Deadline).Select(o => o.Id).ToListAsync(ct);
        var lines = new List<string>();
        var expired = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var offer = await db.Offers.FirstAsync(o => o.Id == id, ct);
            var vacancy = await db.Vacancies.FirstAsync(v => v.Id == offer.VacancyId, ct);
            var step = OfferWorkflow.Transition(offer.State, new OfferAction.Expire(today, offer.Deadline));
            if (!step.Allowed)
            {
                continue;
            }

            var result = await AnswerOffer.ApplyAsync(db, vacancy, offer, step, null, today, today, settings, user, clock.GetUtcNow(), ct);
            lines.Add($"offre n° {id} : {result.Message}");
            if (result.Succeeded)
            {
                expired++;
            }
        }

        db.ChangeTracker.Clear();
        return new Result(expired, lines);
    }
}
