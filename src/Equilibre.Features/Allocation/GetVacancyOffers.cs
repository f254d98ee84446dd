using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The offers of one vacancy as its page shows them: each offer with its rank, deadline and answer, the candidates the
/// CALEOL attributed the dwelling to who still wait for an offer (in offer order), the lease once signed, the refusal
/// reasons in use (a proposal, said so) and what the user may do (the bailleur offers, records answers, signs). Null
/// outside the user's scope.
/// </summary>
public sealed class GetVacancyOffers(EquilibreDb db, AllocationSettings settings)
{
    public sealed record OfferLine(Offer Offer, string Numero, string? ReasonLabel);

    public sealed record WaitingLine(Candidate Candidate, string Numero, int Rank);

    public sealed record Result(
        Vacancy Vacancy, string? DwellingReference, IReadOnlyList<OfferLine> Offers, IReadOnlyList<WaitingLine> Waiting, Lease? Lease, string? LeaseNumero,
        bool CanAct, OfferRefusalReasons Reasons, string DeadlineSource);

    public async Task<Result?> HandleAsync(long vacancyId, CurrentUser user, CancellationToken ct = default)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var vacancy = await db.Vacancies.AsNoTracking().Visible(scope).FirstOrDefaultAsync(v => v.Id == vacancyId, ct);
        if (vacancy is null)
        {
            return null;
        }

        var reference = await db.Dwellings.AsNoTracking().Where(d => d.Id == vacancy.DwellingId).Select(d => d.RplsId).FirstOrDefaultAsync(ct);
        var offers = await db.Offers.AsNoTracking().Where(o => o.VacancyId == vacancy.Id).OrderBy(o => o.SentOn).ThenBy(o => o.Id).ToListAsync(ct);
        var waiting = await OfferRounds.RemainingAsync(db, vacancy.Id, ct);
        var lease = await db.Leases.AsNoTracking().Where(l => l.VacancyId == vacancy.Id).OrderByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        var demandIds = offers.Select(o => o.DemandId).Concat(waiting.Select(w => w.Candidate.DemandId)).Distinct().ToList();
        var numeros = await db.Demands.AsNoTracking().Where(d => demandIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Numero, ct);
        return new Result(
            vacancy, reference,
            [.. offers.Select(o => new OfferLine(o, numeros.GetValueOrDefault(o.DemandId, "?"), settings.RefusalReasons.Find(o.RefusalReasonCode)?.Label))],
            [.. waiting.Select(w => new WaitingLine(w.Candidate, numeros.GetValueOrDefault(w.Candidate.DemandId, "?"), w.Rank))],
            lease, lease is null ? null : await OfferRounds.NumeroAsync(db, lease.DemandId, ct),
            scope.CanActAsBailleur(vacancy), settings.RefusalReasons, settings.OfferDeadline.Source);
    }
}
