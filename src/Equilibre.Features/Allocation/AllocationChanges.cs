using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The one load of a vacancy or a CALEOL session for a change — orientation (<see cref="OrientVacancy"/>), designation
/// (<see cref="DesignateCandidates"/>), agenda (<see cref="ScheduleVacancy"/>), decision (<see cref="RecordDecision"/>),
/// closing (<see cref="CloseCaleolSession"/>), first offer (<see cref="SendOffer"/>): the record within the user's
/// <see cref="AllocationAccess"/> scope (else "introuvable", so that a record outside the scope is not even confirmed to
/// exist), the user allowed to act on it (else a French reason), then the record at the revision read (else a conflict
/// saying what changed). One place, so that these use cases refuse alike and in the same order, as the offer round's
/// use cases do through <see cref="OfferRounds.LoadForChangeAsync"/>.
/// </summary>
internal static class AllocationChanges
{
    /// <param name="visible">The record, already through <c>Visible(scope)</c> and filtered by its id.</param>
    /// <param name="what">What the record is, for "… introuvable dans votre périmètre".</param>
    /// <param name="mayAct">Whether the user may act on the record (an <see cref="AllocationAccess"/> rule).</param>
    /// <param name="mayNot">Why not, when <paramref name="mayAct"/> says no.</param>
    /// <param name="revisionOf">The record's revision.</param>
    /// <param name="expectedRevision">The revision read by the user; null = not checked here.</param>
    /// <param name="changed">What changed, for the conflict's message.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<(T? Record, AllocationResult? Refusal)> LoadAsync<T>(
        IQueryable<T> visible, string what, Func<T, bool> mayAct, string mayNot, Func<T, int> revisionOf, int? expectedRevision,
        Func<T, string> changed, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(mayAct);
        ArgumentNullException.ThrowIfNull(revisionOf);
        ArgumentNullException.ThrowIfNull(changed);
        var record = await visible.FirstOrDefaultAsync(ct);
        if (record is null)
        {
            return (null, AllocationResult.NotFound(what));
        }

        if (!mayAct(record))
        {
            return (null, AllocationResult.Forbidden(mayNot));
        }

        if (expectedRevision is { } expected && expected != revisionOf(record))
        {
            return (null, AllocationResult.Conflict(changed(record)));
        }

        return (record, null);
    }

    /// <summary>The same load for a use case that checks the revision read later, after refusals of its own.</summary>
    public static Task<(T? Record, AllocationResult? Refusal)> LoadAsync<T>(IQueryable<T> visible, string what, Func<T, bool> mayAct, string mayNot, CancellationToken ct)
        where T : class =>
        LoadAsync(visible, what, mayAct, mayNot, _ => 0, null, _ => "", ct);
}
