using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>The candidate's answer to an offer, as the bailleur records it.</summary>
public enum OfferAnswer
{
    Accept,
    Refuse,
}

/// <summary>
/// The bailleur records the candidate's answer (R441-10, <see cref="OfferWorkflow"/>): an acceptance within the deadline,
/// or a refusal with a reason code of <see cref="AllocationSettings.RefusalReasons"/>. After a refusal the next ranked
/// candidate is offered the dwelling at once; when none is left, the vacancy goes back per the convention's return rules
/// (<see cref="OfferRounds.ReopenAsync"/>) and the answer says where — unless a suspensive condition is still pending
/// (<see cref="OfferRounds.AwaitsConditionAsync"/>), which the answer says instead. The offer is read at
/// <see cref="Request.ExpectedRevision"/>; the answer and what follows are saved together.
/// </summary>
public sealed class AnswerOffer(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Request(long OfferId, OfferAnswer Answer, string? ReasonCode, int? ExpectedRevision, DateOnly? AnsweredOn = null);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, refusal) = await OfferRounds.LoadForChangeAsync(
            db, db.Offers.Where(o => o.Id == request.OfferId), "offre", o => o.VacancyId, o => o.Revision, request.ExpectedRevision,
            "seul le bailleur du logement enregistre la réponse du candidat", (o, _) => Task.FromResult(Changed(o)), user, ct);
        if (loaded is null)
        {
            return refusal!;
        }

        var (offer, vacancy) = loaded;

        var today = FrenchTime.Today(clock);
        var on = request.AnsweredOn ?? today;
        if (on > today)
        {
            return AllocationResult.Refused("date", French.Format($"la réponse ne peut pas être datée du {on:dd/MM/yyyy}, postérieur à aujourd'hui"));
        }

        OfferAction action = request.Answer == OfferAnswer.Accept
            ? new OfferAction.Accept(on, offer.Deadline)
            : new OfferAction.Refuse(on, request.ReasonCode ?? "", settings.RefusalReasons);
        var step = OfferWorkflow.Transition(offer.State, action);
        if (!step.Allowed)
        {
            return AllocationResult.Refused(request.Answer == OfferAnswer.Refuse ? "motif" : "reponse", step.Explanation);
        }

        var now = clock.GetUtcNow();
        return await ApplyAsync(db, vacancy, offer, step, request.Answer == OfferAnswer.Refuse ? settings.RefusalReasons.Find(request.ReasonCode)!.Code : null, on, today, settings, user, now, ct);
    }

    /// <summary>Saves an answer (or an expiry) and, after a refusal, the next offer or the return of the vacancy, in one transaction.</summary>
    internal static async Task<AllocationResult> ApplyAsync(
        EquilibreDb db, Vacancy vacancy, Offer offer, WorkflowStep<OfferState> step, string? reasonCode, DateOnly on, DateOnly today, AllocationSettings settings,
        CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        offer.State = step.State!.Value;
        offer.RefusalReasonCode = reasonCode;
        offer.AnsweredOn = on;
        offer.AnsweredBy = user.DisplayName;
        offer.Revision++;
        var numero = await OfferRounds.NumeroAsync(db, offer.DemandId, ct);
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Offer, offer.Id, vacancy.Id, $"{step.Explanation} (demande n° {numero}, rang {offer.Rank})", null, user, now));
        db.DemandEvents.Add(DemandAccess.Event(offer.DemandId, DemandEventKind.Offer, French.Format($"offre d'un logement T{vacancy.Rooms} à {vacancy.CommuneCode} : {step.Explanation}"), null, user, now));
        var (saved, next) = await OfferRounds.SaveWithFollowUpAsync(
            db, async () => OfferWorkflow.IsRefusal(offer.State) ? await OfferRounds.OfferNextOrReopenAsync(db, vacancy, today, settings, user, now, ct) : null, ct);
        if (!saved)
        {
            var current = await db.Offers.AsNoTracking().FirstAsync(o => o.Id == offer.Id, ct);
            return AllocationResult.Conflict(current.State != OfferState.Pending || current.Revision != offer.Revision - 1
                ? Changed(current)
                : OfferRounds.Changed(await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct)));
        }

        return next is null ? AllocationResult.Done(offer.Id, step.Explanation) : AllocationResult.Done(offer.Id, $"{step.Explanation} ; {next}", [next]);
    }

    internal static string Changed(Offer offer) => offer.AnsweredOn is { } on
        ? French.Format($"l'offre a été modifiée entre-temps : elle est {OfferWorkflow.Label(offer.State)} (le {on:dd/MM/yyyy}, par {offer.AnsweredBy})")
        : $"l'offre a été modifiée entre-temps : elle est {OfferWorkflow.Label(offer.State)}";
}
