using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// The hook the allocation use cases call when a lease is signed: the demand is radiated for attribution (RADATT) on
/// the signature date, by the bailleur that signed (domain.md §2.5). Runs inside the caller's transaction; refuses a
/// demand that is not active, so that two leases can never radiate the same demand.
/// </summary>
public sealed class RadiateForLease(EquilibreDb db, TimeProvider clock, CotationSettings cotation)
{
    public async Task<DemandResult> HandleAsync(long demandId, DateOnly signedOn, string bailleurName, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var demand = await db.Demands.FirstOrDefaultAsync(d => d.Id == demandId, ct);
        if (demand is null)
        {
            return DemandResult.NotFound(demandId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var transition = DemandLifecycle.Radiate(demand.State, RadiationReason.Allocation, signedOn);
        if (!transition.Allowed)
        {
            return DemandResult.Refused(demand.Numero, "statut", transition.Explanation);
        }

        DemandStore.Apply(demand, transition.State!);
        var now = clock.GetUtcNow();
        db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.Lease, $"{transition.Explanation} ({bailleurName})", null, user, now));
        return await DemandChange.SaveAsync(db, demand, now, cotation, ct) ?? DemandResult.Done(demand.Numero, transition.Explanation);
    }
}
