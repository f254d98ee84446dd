using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Applications;

/// <summary>
/// Annual renewal (domain.md §2.4): the guichet updates the information and the demand is valid one more year from
/// today, number and seniority kept; refused for a radiated or expired demand, with the reason.
/// </summary>
public sealed class RenewDemand(EquilibreDb db, TimeProvider clock, DemandSettings settings, CotationSettings cotation)
{
    public async Task<DemandResult> HandleAsync(ModifyDemand.Request request, CurrentUser user, CancellationToken ct = default) =>
        await ModifyDemand.UpdateAsync(db, clock, settings, cotation, request, user, renew: true, ct);
}
