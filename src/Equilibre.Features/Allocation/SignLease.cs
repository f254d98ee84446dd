using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The bailleur signs the lease with the candidate who accepted the offer (domain.md §5, §7.2): the attribution becomes
/// effective. The <see cref="Lease"/> copies what the targets need so that a year's bilan is reproducible (issue 7): the
/// place from the vacancy and the latest RPLS state (financing, construction year), "in QPV for the targets" on the
/// signature date (<see cref="QpvStatus.ForTargets"/>), the household from the demand's projected facts (Q1 with its
/// threshold, resources per UC, DALO, first priority, mutation), the relocation flag and the flux origin from the
/// vacancy. In the same transaction the demand is radiated for attribution (<see cref="RadiateForLease"/>, RADATT) and
/// the vacancy becomes Leased. Integrity: one active lease per dwelling and per demand is a database rule
/// (IX_Leases_ActivePerDwelling, IX_Leases_ActivePerDemand), so of two concurrent signatures exactly one commits and
/// the other gets a conflict naming the lease that won; the offer is read at <see cref="Request.ExpectedRevision"/>.
/// </summary>
public sealed class SignLease(EquilibreDb db, TimeProvider clock, QpvRuleSettings qpvSettings, RadiateForLease radiate)
{
    public sealed record Request(long OfferId, DateOnly SignedOn, DateOnly StartsOn, Relocation Relocation, int? ExpectedRevision);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, refusal) = await OfferRounds.LoadForChangeAsync(
            db, db.Offers.Where(o => o.Id == request.OfferId), "offre", o => o.VacancyId, o => o.Revision, request.ExpectedRevision,
            "seul le bailleur du logement signe le bail", (o, v) => ChangedAsync(o, v, ct), user, ct);
        if (loaded is null)
        {
            return refusal!;
        }

        var (offer, vacancy) = loaded;

        if (offer.State != OfferState.Accepted)
        {
            return AllocationResult.Refused("offre", $"l'offre est {OfferWorkflow.Label(offer.State)} : le bail se signe avec le candidat qui a accepté l'offre");
        }

        var today = FrenchTime.Today(clock);
        if (request.SignedOn > today || (offer.AnsweredOn is { } accepted && request.SignedOn < accepted))
        {
            return AllocationResult.Refused("signeLe", French.Format($"date de signature du {request.SignedOn:dd/MM/yyyy} : elle doit être comprise entre l'acceptation de l'offre ({offer.AnsweredOn:dd/MM/yyyy}) et aujourd'hui ({today:dd/MM/yyyy})"));
        }

        if (request.StartsOn < request.SignedOn)
        {
            return AllocationResult.Refused("debut", French.Format($"date d'effet du {request.StartsOn:dd/MM/yyyy} antérieure à la signature du {request.SignedOn:dd/MM/yyyy}"));
        }

        // A signature that lost the race before it even read (the other one committed first) is the same conflict as one
        // the unique indexes stop: say which lease won rather than the vacancy's new state.
        if (await db.Leases.AsNoTracking().AnyAsync(l => (l.DwellingId == vacancy.DwellingId || l.DemandId == offer.DemandId) && l.EndedOn == null, ct))
        {
            return AllocationResult.Conflict(await ChangedAsync(offer, vacancy, ct));
        }

        var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.SignLease);
        if (!step.Allowed)
        {
            return AllocationResult.Refused("etat", step.Explanation);
        }

        var demand = await db.Demands.AsNoTracking().FirstAsync(d => d.Id == offer.DemandId, ct);
        var dwellingState = await db.DwellingStates.AsNoTracking().Where(s => s.DwellingId == vacancy.DwellingId).OrderByDescending(s => s.Millesime).FirstOrDefaultAsync(ct);
        var (qpv, qpvWhy) = await QpvAsync(vacancy.DwellingId, request.SignedOn, ct);
        var (flux, reservataire) = await FluxAsync(vacancy, ct);
        var session = await db.CaleolDecisions.AsNoTracking().Where(d => d.CandidateId == offer.CandidateId).OrderByDescending(d => d.Id).Select(d => (long?)d.SessionId).FirstOrDefaultAsync(ct);
        var bailleur = await db.Bailleurs.AsNoTracking().Where(b => b.Id == vacancy.BailleurId).Select(b => b.Name).FirstOrDefaultAsync(ct) ?? "le bailleur";
        var now = clock.GetUtcNow();
        var lease = new Lease
        {
            DwellingId = vacancy.DwellingId,
            DemandId = offer.DemandId,
            VacancyId = vacancy.Id,
            CandidateId = offer.CandidateId,
            BailleurId = vacancy.BailleurId,
            BailleurOrganisationId = vacancy.BailleurOrganisationId,
            SignedOn = request.SignedOn,
            StartsOn = request.StartsOn,
            Flux = flux,
            ReservataireOrganisationId = reservataire,
            CaleolSessionId = session,
            EpciSiren = vacancy.EpciSiren ?? "",
            CommuneCode = vacancy.CommuneCode,
            DepartementCode = vacancy.DepartementCode,
            RegionCode = vacancy.RegionCode,
            Rooms = vacancy.Rooms,
            Financing = dwellingState?.Financing,
            ConstructionYear = dwellingState?.ConstructionYear,
            Qpv = qpv,
            QpvExplanation = qpvWhy.Length > 1000 ? qpvWhy[..1000] : qpvWhy,
            AnnualResourcesPerUc = demand.AnnualResourcesPerUc,
            IsQ1 = demand.IsQ1,
            Q1Year = demand.Q1Year,
            Q1Threshold = demand.Q1Threshold,
            Dalo = demand.Dalo is DaloStatus.Active or DaloStatus.ActiveRehoused,
            PriorityCategory = demand.PriorityCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(),
            Mutation = demand.IsMutation,
            Relocation = request.Relocation,
            IsDemo = vacancy.IsDemo,
            SignedBy = user.DisplayName,
            At = now,
            Revision = 1,
        };
        db.Leases.Add(lease);
        OfferRounds.Touch(vacancy, step.State!.Value, user, now);
        offer.Revision++;
        var summary = French.Format($"{step.Explanation} le {request.SignedOn:dd/MM/yyyy} avec la demande n° {demand.Numero} (effet le {request.StartsOn:dd/MM/yyyy})");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            var radiated = await radiate.HandleAsync(demand.Id, request.SignedOn, bailleur, user, ct);
            if (radiated.Outcome != DemandOutcome.Done)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return radiated.Outcome == DemandOutcome.Conflict
                    ? AllocationResult.Conflict(await ChangedAsync(offer, vacancy, ct))
                    : AllocationResult.Refused("demande", $"la demande n° {demand.Numero} ne peut pas être radiée pour attribution : {radiated.Message}");
            }

            db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Lease, lease.Id, vacancy.Id, summary,
                $"flux : {flux} ; QPV : {qpvWhy} ; premier quartile : {(demand.IsQ1 is { } q ? (q ? "oui" : "non") : "inconnu")}", user, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return AllocationResult.Conflict(await ChangedAsync(offer, vacancy, ct));
        }

        return AllocationResult.Done(lease.Id, summary);
    }

    /// <summary>Why the signature lost: the active lease on the dwelling or of the demand, else what changed on the offer or the vacancy.</summary>
    private async Task<string> ChangedAsync(Offer offer, Vacancy vacancy, CancellationToken ct)
    {
        var onDwelling = await db.Leases.AsNoTracking().Where(l => l.DwellingId == vacancy.DwellingId && l.EndedOn == null).FirstOrDefaultAsync(ct);
        if (onDwelling is not null)
        {
            return French.Format($"un bail actif existe déjà pour ce logement (signé le {onDwelling.SignedOn:dd/MM/yyyy} par {onDwelling.SignedBy}, demande n° {await OfferRounds.NumeroAsync(db, onDwelling.DemandId, ct)})");
        }

        var ofDemand = await db.Leases.AsNoTracking().Where(l => l.DemandId == offer.DemandId && l.EndedOn == null).FirstOrDefaultAsync(ct);
        if (ofDemand is not null)
        {
            var reference = await db.Dwellings.AsNoTracking().Where(d => d.Id == ofDemand.DwellingId).Select(d => d.RplsId).FirstOrDefaultAsync(ct);
            return French.Format($"un bail actif existe déjà pour cette demande (signé le {ofDemand.SignedOn:dd/MM/yyyy} par {ofDemand.SignedBy}, logement {reference})");
        }

        var currentOffer = await db.Offers.AsNoTracking().FirstAsync(o => o.Id == offer.Id, ct);
        var currentVacancy = await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct);
        return currentVacancy.Revision != vacancy.Revision && currentVacancy.State != VacancyState.Offered
            ? OfferRounds.Changed(currentVacancy)
            : AnswerOffer.Changed(currentOffer);
    }

    private async Task<(QpvBasis? Basis, string Explanation)> QpvAsync(long dwellingId, DateOnly on, CancellationToken ct)
    {
        var residence = await db.Dwellings.AsNoTracking().Where(d => d.Id == dwellingId)
            .Join(db.Residences.AsNoTracking(), d => d.ResidenceId, r => r.Id, (d, r) => r).FirstAsync(ct);
        if (residence.QpvCode is { Length: > 0 } code)
        {
            var areas = await db.PriorityAreas.AsNoTracking().Where(a => a.Code == code).ToListAsync(ct);
            if (areas.Count == 0)
            {
                return (null, $"quartier {code} absent du référentiel des quartiers : situation au regard des QPV indéterminée à la signature");
            }

            var status = QpvStatus.ForTargets(areas.Select(a => a.ToDomain()).DistinctBy(a => (a.Code, a.Kind, a.ValidFrom)), on, qpvSettings);
            return (status.Basis, status.Explanation);
        }

        return residence.InQpv switch
        {
            false => (QpvBasis.NotInQpv, French.Format($"hors QPV au {on:dd/MM/yyyy} : le RPLS {residence.Millesime} ne le géocode dans aucun QPV")),
            true => (null, French.Format($"en QPV selon le RPLS {residence.Millesime} mais sans code de quartier : la règle datée ne peut pas être appliquée au {on:dd/MM/yyyy}")),
            null => (null, "le RPLS ne dit pas si le logement est en QPV : situation indéterminée"),
        };
    }

    /// <summary>The flux the attribution counts in: withdrawn from the flux, returned to the bailleur, the préfet's or another réservataire's convention, or the bailleur's own share.</summary>
    private async Task<(FluxOrigin Flux, long? Reservataire)> FluxAsync(Vacancy vacancy, CancellationToken ct)
    {
        if (vacancy.WithdrawnReason is not null)
        {
            return (FluxOrigin.WithdrawnFromFlux, null);
        }

        var convention = vacancy.ConventionId is { } id
            ? await db.ReservationConventions.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Kind, c.ReservataireOrganisationId }).FirstOrDefaultAsync(ct)
            : null;
        if (vacancy.Returned)
        {
            return (FluxOrigin.ReturnedToBailleur, convention?.ReservataireOrganisationId);
        }

        return convention is null || convention.Kind == ReservataireKind.Bailleur
            ? (FluxOrigin.BailleurNonReserved, null)
            : (convention.Kind == ReservataireKind.Prefet ? FluxOrigin.Prefet : FluxOrigin.Reservataire, convention.ReservataireOrganisationId);
    }
}
