using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Applications;

/// <summary>
/// A guichet modifies a demand (household, income, wishes…): number and seniority are kept (domain.md §2.4), the facts
/// recomputed, the history says which parts changed; an edit based on an older version is refused, never merged.
/// Renewal is the same act plus a new year of validity (<see cref="RenewDemand"/>).
/// </summary>
public sealed class ModifyDemand(EquilibreDb db, TimeProvider clock, DemandSettings settings, CotationSettings cotation)
{
    public sealed record Request(string Numero, DemandFile File, int? ExpectedVersion, string? Comment);

    public async Task<DemandResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default) =>
        await UpdateAsync(db, clock, settings, cotation, request, user, renew: false, ct);

    internal static async Task<DemandResult> UpdateAsync(
        EquilibreDb db, TimeProvider clock, DemandSettings settings, CotationSettings cotation, Request request, CurrentUser user, bool renew, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var (demand, refusal) = await DemandChange.LoadAsync(db, request.Numero, request.ExpectedVersion, user, ct);
        if (demand is null)
        {
            return refusal!;
        }

        var today = FrenchTime.Today(clock);
        var transition = renew ? DemandLifecycle.Renew(demand.State, today) : DemandLifecycle.Modify(demand.State, today);
        if (!transition.Allowed)
        {
            return DemandResult.Refused(demand.Numero, "statut", transition.Explanation);
        }

        var reference = await DemandReference.LoadForAsync(db, request.File, ct);
        var errors = reference.Check(request.File, today);
        if (errors.Count > 0)
        {
            return DemandResult.Invalid(errors, $"{errors.Count} erreur(s) : rien n'a été enregistré");
        }

        var before = DemandJson.Read(demand.Content);
        var changes = DemandHistoryText.Changes(before, request.File);
        if (!renew && changes.Count == 0)
        {
            return DemandResult.Done(demand.Numero, "aucun changement : rien n'a été enregistré");
        }

        DemandStore.Apply(demand, transition.State!);
        if (renew)
        {
            demand.LastRenewedOn = today;
        }

        DemandStore.Apply(demand, request.File, reference.Facts(request.File, today, settings.Household), reference, today);
        var now = clock.GetUtcNow();
        var summary = renew
            ? transition.Explanation + (changes.Count > 0 ? $" ; mis à jour : {string.Join(", ", changes)}" : "")
            : $"modification : {string.Join(", ", changes)} (numéro et ancienneté conservés)";
        db.DemandEvents.Add(DemandAccess.Event(demand.Id, renew ? DemandEventKind.Renewed : DemandEventKind.Modified, summary, request.Comment, user, now));
        foreach (var p in request.File.Priorities.Where(p => !before.Priorities.Contains(p)))
        {
            db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.PriorityLabelled, DemandHistoryText.Priority(p, settings.Letters), null, user, now));
        }

        return await DemandChange.SaveAsync(db, demand, now, cotation, ct) ?? DemandResult.Done(demand.Numero, summary);
    }
}
