using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Applications;

/// <summary>
/// A guichet radiates a demand for a legal reason with its delay (R441-2-8, domain.md §2.5): renunciation at once;
/// non-renewal at expiry; irrecevabilité and no-contact one month after the warning (<see cref="SendRadiationNotice"/>).
/// The radiation for attribution is not done here: it follows the signature of a lease (<see cref="RadiateForLease"/>).
/// </summary>
public sealed class RadiateDemand(EquilibreDb db, TimeProvider clock, CotationSettings cotation)
{
    public sealed record Request(string Numero, RadiationReason Reason, string? Comment, int? ExpectedVersion);

    public async Task<DemandResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reason == RadiationReason.Allocation)
        {
            return DemandResult.Refused(request.Numero, "motif", "la radiation pour attribution se fait à la signature du bail, par le bailleur signataire");
        }

        return await DemandTransitions.ApplyAsync(db, clock, cotation, request.Numero, request.ExpectedVersion, user,
            (state, today) => DemandLifecycle.Radiate(state, request.Reason, today), DemandEventKind.Radiated, request.Comment, ct,
            d => d.RadiationSubCode = request.Reason == RadiationReason.Inadmissibility ? d.PendingNoticeSubCode : null);
    }
}

/// <summary>
/// The one-month warning before a radiation for irrecevabilité (IRRSEJ, IRRRES) or impossibility of contact
/// (domain.md §2.5), recorded with its date; the radiation becomes possible one month later.
/// </summary>
public sealed class SendRadiationNotice(EquilibreDb db, TimeProvider clock, CotationSettings cotation)
{
    public sealed record Request(string Numero, RadiationReason Reason, string? SubCode, string? Comment, int? ExpectedVersion);

    public async Task<DemandResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await DemandTransitions.ApplyAsync(db, clock, cotation, request.Numero, request.ExpectedVersion, user,
            (state, today) => DemandLifecycle.SendRadiationNotice(state, request.Reason, request.SubCode, today), DemandEventKind.RadiationNotice, request.Comment, ct);
    }
}

/// <summary>Déradiation of a radiation made in error: number and seniority kept; a motive is required.</summary>
public sealed class UnradiateDemand(EquilibreDb db, TimeProvider clock, CotationSettings cotation)
{
    public sealed record Request(string Numero, string Motive, int? ExpectedVersion);

    public async Task<DemandResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Motive))
        {
            return DemandResult.Refused(request.Numero, "motif", "indiquez le motif de la déradiation (erreur de radiation, pièce reçue…)");
        }

        return await DemandTransitions.ApplyAsync(db, clock, cotation, request.Numero, request.ExpectedVersion, user,
            DemandLifecycle.Unradiate, DemandEventKind.Unradiated, request.Motive, ct, d => d.RadiationSubCode = null);
    }
}

/// <summary>Applies a lifecycle transition to one demand and records it in the history.</summary>
internal static class DemandTransitions
{
    public static async Task<DemandResult> ApplyAsync(
        EquilibreDb db, TimeProvider clock, CotationSettings cotation, string numero, int? expectedVersion, CurrentUser user,
        Func<DemandState, DateOnly, Transition> rule, DemandEventKind kind, string? comment, CancellationToken ct, Action<Demand>? also = null)
    {
        var (demand, refusal) = await DemandChange.LoadAsync(db, numero, expectedVersion, user, ct);
        if (demand is null)
        {
            return refusal!;
        }

        var transition = rule(demand.State, FrenchTime.Today(clock));
        if (!transition.Allowed)
        {
            return DemandResult.Refused(demand.Numero, "statut", transition.Explanation);
        }

        DemandStore.Apply(demand, transition.State!);
        also?.Invoke(demand);
        var now = clock.GetUtcNow();
        db.DemandEvents.Add(DemandAccess.Event(demand.Id, kind, transition.Explanation, comment, user, now));
        return await DemandChange.SaveAsync(db, demand, now, cotation, ct) ?? DemandResult.Done(demand.Numero, transition.Explanation);
    }
}
