using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The bailleur declares that one of its dwellings becomes available (domain.md §9: the unit of the flux). The dwelling
/// must be in its stock (<see cref="StockAccess"/>, latest RPLS state owned by one of its bailleurs; an RPLS identifier is
/// looked up in the user's stock only, <see cref="WithdrawFromFlux.DwellingOfRplsAsync"/>, so that another bailleur's
/// dwelling answers as an unknown identifier), without an open vacancy (the database refuses a second one too) nor an
/// active lease. The place facts are copied (commune, EPCI, département, région, rooms, and "in QPV for the targets" on
/// the declaration date by the same dated rule as the dwelling page), with the reason of a running withdrawal from the
/// flux. Then <see cref="FluxOrientation.Propose"/>
/// reads the ledgers of the bailleur's conventions valid that day whose perimeter holds the commune — this vacancy
/// included in the flux base — and the proposal and its French reason are stored for the bailleur to confirm or
/// override (<see cref="OrientVacancy"/>).
/// </summary>
public sealed class DeclareVacancy(EquilibreDb db, TimeProvider clock, QpvRuleSettings qpvSettings, AllocationSettings settings)
{
    /// <param name="DwellingId">The dwelling (or <paramref name="RplsId"/>).</param>
    /// <param name="RplsId">Its RPLS identifier, when the id is not known.</param>
    /// <param name="AvailableOn">Date the dwelling can be let (today when null).</param>
    public sealed record Request(long? DwellingId, string? RplsId, DateOnly? AvailableOn);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var dwellingId = request.DwellingId;
        if (dwellingId is null && !string.IsNullOrWhiteSpace(request.RplsId))
        {
            dwellingId = await WithdrawFromFlux.DwellingOfRplsAsync(db, request.RplsId, user, ct);
        }

        if (dwellingId is not { } id)
        {
            return string.IsNullOrWhiteSpace(request.RplsId) ? AllocationResult.Refused("Logement", "Logement : choisissez un logement ou saisissez son identifiant RPLS")
                : AllocationResult.NotFound($"Logement {request.RplsId}");
        }

        var (bailleurId, refusal) = await WithdrawFromFlux.OwnDwellingAsync(db, id, user, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var today = FrenchTime.Today(clock);
        var open = await db.Vacancies.AsNoTracking().Where(v => v.DwellingId == id && v.State != VacancyState.Leased && v.State != VacancyState.Withdrawn)
            .Select(v => new { v.Id, v.State, v.DeclaredOn }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return AllocationResult.Refused("Logement", French.Format(
                $"Logement : une vacance est déjà ouverte pour ce logement (n° {open.Id}, déclarée le {open.DeclaredOn:dd/MM/yyyy}, {VacancyWorkflow.Label(open.State)}) ; une seule à la fois"));
        }

        var lease = await db.Leases.AsNoTracking().Where(l => l.DwellingId == id && l.EndedOn == null).Select(l => new { l.Id, l.SignedOn }).FirstOrDefaultAsync(ct);
        if (lease is not null)
        {
            return AllocationResult.Refused("Logement", French.Format(
                $"Logement : un bail est en cours (n° {lease.Id}, signé le {lease.SignedOn:dd/MM/yyyy}) ; terminez-le avant de déclarer la vacance"));
        }

        var dwelling = await db.Dwellings.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        var state = await db.DwellingStates.AsNoTracking().Where(s => s.DwellingId == id).OrderByDescending(s => s.Millesime).FirstAsync(ct);
        var residence = await db.Residences.AsNoTracking().SingleAsync(r => r.Id == dwelling.ResidenceId, ct);
        var commune = await db.Communes.AsNoTracking().Where(c => c.Code == residence.CommuneCode && c.ValidTo == null)
            .Select(c => new { c.DepartementCode, c.RegionCode, c.EpciSiren }).FirstOrDefaultAsync(ct);
        var departement = residence.DepartementCode ?? commune?.DepartementCode;
        if (departement is null)
        {
            return AllocationResult.Refused("Logement", $"Logement : département de la commune {residence.CommuneCode} inconnu (ni dans le fichier RPLS ni dans le référentiel) ; le flux ne peut pas être calculé");
        }

        var bailleur = await db.Bailleurs.AsNoTracking().SingleAsync(b => b.Id == bailleurId, ct);
        var withdrawal = await db.FluxWithdrawals.AsNoTracking()
            .Where(w => w.DwellingId == id && w.From <= today && (w.To == null || w.To >= today))
            .OrderByDescending(w => w.From).Select(w => w.ReasonCode).FirstOrDefaultAsync(ct);
        var inQpv = await QpvAsync(residence, today, ct);
        var year = today.Year;

        var conventions = await FluxFigures.NamedAsync(db, db.ReservationConventions.Where(c => c.BailleurId == bailleurId && c.DepartementCode == departement).OfYear(year), ct);
        var lines = new List<FluxLedgerLine>();
        foreach (var c in conventions.Where(c => c.Domain.ValidOn(today) && c.Domain.Perimeter.Contains(departement, residence.CommuneCode)))
        {
            lines.Add((await FluxFigures.LedgerAsync(db, c, year, settings, ct, (true, withdrawal))).Line);
        }

        var proposal = FluxOrientation.Propose(new FluxVacancy(bailleur.Name, departement, residence.CommuneCode, state.Rooms, today, withdrawal), lines, settings.Exclusions);
        var proposed = proposal.Convention is null ? null : conventions.First(c => ReferenceEquals(c.Domain, proposal.Convention));
        var reason = proposal.Reason + (proposal.Ranking.Count > 0 ? " — classement : " + string.Join(" ; ", proposal.Ranking) : "");

        var now = clock.GetUtcNow();
        var vacancy = new Vacancy
        {
            DwellingId = id,
            BailleurId = bailleurId,
            BailleurOrganisationId = bailleur.OrganisationId,
            State = VacancyState.Declared,
            DeclaredOn = today,
            AvailableOn = request.AvailableOn ?? today,
            FluxYear = year,
            CommuneCode = residence.CommuneCode,
            EpciSiren = residence.EpciSiren ?? commune?.EpciSiren,
            DepartementCode = departement,
            RegionCode = residence.RegionCode ?? commune?.RegionCode,
            Rooms = state.Rooms,
            InQpv = inQpv,
            WithdrawnReason = withdrawal,
            ProposedConventionId = proposed?.Record.Id,
            ProposalReason = reason.Length <= 2000 ? reason : reason[..1999] + "…",
            UpdatedAt = now,
            UpdatedBy = user.DisplayName,
        };
        db.Vacancies.Add(vacancy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The filtered unique index: someone declared the same dwelling between our check and our insert.
            db.ChangeTracker.Clear();
            return AllocationResult.Conflict(French.Format($"une vacance vient d'être déclarée pour le logement {dwelling.RplsId} par un autre utilisateur"));
        }

        var summary = French.Format($"vacance déclarée (logement {dwelling.RplsId}, T{state.Rooms}, disponible le {vacancy.AvailableOn:dd/MM/yyyy}) ; proposition : ")
            + (proposed is null ? "conservée par le bailleur" : $"orienter vers {proposed.ReservataireName}");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, summary, proposal.Reason, user, now));
        await db.SaveChangesAsync(ct);
        return AllocationResult.Done(vacancy.Id, summary);
    }

    /// <summary>"In QPV for the targets" on the declaration date: the dated rule over the priority-areas referential, as on the dwelling page (<see cref="GetDwelling"/>).</summary>
    private async Task<bool?> QpvAsync(Residence residence, DateOnly date, CancellationToken ct)
    {
        if (residence.QpvCode is { Length: > 0 } code)
        {
            var areas = await db.PriorityAreas.AsNoTracking().Where(a => a.Code == code).ToListAsync(ct);
            return areas.Count == 0
                ? null
                : QpvStatus.ForTargets(areas.Select(a => a.ToDomain()).DistinctBy(a => (a.Code, a.Kind, a.ValidFrom)), date, qpvSettings).InQpvForTargets;
        }

        return residence.InQpv == false ? false : null;
    }
}
