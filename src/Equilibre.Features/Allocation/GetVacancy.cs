using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// One vacancy as the user may see it (<see cref="AllocationAccess"/>; null otherwise, answered 404): the facts copied at
/// declaration, its state, the proposal of the ledger with its reason, the orientation and deadline, the timeline from
/// the audit (<see cref="AllocationEvent"/>), the candidates, offers and lease as read-only lists, and what the user may
/// do now — orient (the bailleur, while declared), designate (the réservataire it is oriented to, or the bailleur when it
/// kept it or got it back), decide (a member of the bailleur's CALEOL, once on the agenda). The orientation choices are
/// the bailleur's conventions valid today whose perimeter holds the commune.
/// </summary>
public sealed class GetVacancy(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Request(long Id);

    public sealed record ConventionChoice(long Id, string Label, bool Proposed);

    public sealed record TimelineEntry(DateTimeOffset At, string By, string? Organisation, string Kind, string Summary, string? Detail);

    public sealed record CandidateRow(long Id, int Order, string DemandNumero, decimal Score, bool? IsQ1, bool IsPriority, bool IsDalo, bool IsMutation, string DesignatedBy, string State);

    public sealed record OfferRow(long Id, int Rank, string DemandNumero, DateOnly SentOn, DateOnly Deadline, string State, string? RefusalReason, DateOnly? AnsweredOn);

    public sealed record LeaseRow(long Id, string DemandNumero, DateOnly SignedOn, DateOnly StartsOn, DateOnly? EndedOn, string SignedBy);

    public sealed record Permissions(bool CanOrient, bool CanDesignate, bool CanDecide, bool ActsAsBailleur);

    public sealed record Result(
        Vacancy Vacancy, string StateLabel, string RplsId, string? Address, string? CommuneName, string? BailleurName, string? ReservataireName,
        string? ProposedConvention, string? Convention, IReadOnlyList<ConventionChoice> Choices, IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<CandidateRow> Candidates, IReadOnlyList<OfferRow> Offers, IReadOnlyList<LeaseRow> Leases, Permissions May, AllocationScope Scope,
        string? WithdrawnLabel);

    public async Task<Result?> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var vacancy = await db.Vacancies.AsNoTracking().Visible(scope).FirstOrDefaultAsync(v => v.Id == request.Id, ct);
        if (vacancy is null)
        {
            return null;
        }

        var dwelling = await db.Dwellings.AsNoTracking().Where(d => d.Id == vacancy.DwellingId)
            .Select(d => new { d.RplsId, d.ResidenceId, d.Staircase, d.Floor, d.ApartmentNumber }).SingleAsync(ct);
        var residence = await db.Residences.AsNoTracking().Where(r => r.Id == dwelling.ResidenceId)
            .Select(r => new { r.StreetNumber, r.StreetType, r.StreetName, r.BuildingName, r.CommuneName }).SingleAsync(ct);
        var address = string.Join(' ', new[] { residence.StreetNumber, residence.StreetType, residence.StreetName }.Where(p => !string.IsNullOrWhiteSpace(p)))
            + (residence.BuildingName is { Length: > 0 } building ? $", {building}" : "")
            + (dwelling.Floor is { Length: > 0 } floor ? $", étage {floor}" : "")
            + (dwelling.ApartmentNumber is { Length: > 0 } apartment ? $", logement {apartment}" : "");
        var commune = await db.Communes.AsNoTracking().Where(c => c.Code == vacancy.CommuneCode && c.ValidTo == null).Select(c => c.Name).FirstOrDefaultAsync(ct)
            ?? residence.CommuneName;
        var bailleur = await db.Bailleurs.AsNoTracking().Where(b => b.Id == vacancy.BailleurId).Select(b => b.Name).FirstOrDefaultAsync(ct);
        var reservataire = vacancy.ReservataireOrganisationId is { } rid
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == rid).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : null;

        var today = FrenchTime.Today(clock);
        var conventions = await FluxFigures.NamedAsync(db, db.ReservationConventions.Where(c => c.BailleurId == vacancy.BailleurId && c.DepartementCode == vacancy.DepartementCode), ct);
        string? Label(long? id) => id is { } i && conventions.FirstOrDefault(c => c.Record.Id == i) is { } c ? FluxFigures.Describe(c) : null;
        var canOrient = scope.CanActAsBailleur(vacancy) && vacancy.State == VacancyState.Declared;
        var choices = canOrient
            ? conventions.Where(c => c.Domain.ValidOn(today) && c.Domain.Perimeter.Contains(vacancy.DepartementCode, vacancy.CommuneCode))
                .Select(c => new ConventionChoice(c.Record.Id, FluxFigures.Describe(c), c.Record.Id == vacancy.ProposedConventionId)).ToList()
            : [];

        var events = await db.AllocationEvents.AsNoTracking().Where(e => e.VacancyId == vacancy.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var timeline = events.Select(e => new TimelineEntry(e.At, e.By, e.OrganisationName, e.EntityKind, e.Summary, e.Detail)).ToList();

        var candidates = (await db.Candidates.AsNoTracking().Where(c => c.VacancyId == vacancy.Id).OrderBy(c => c.Order)
            .Select(c => new { c, Numero = db.Demands.Where(d => d.Id == c.DemandId).Select(d => d.Numero).FirstOrDefault() }).ToListAsync(ct))
            .Select(x => new CandidateRow(x.c.Id, x.c.Order, x.Numero ?? "", x.c.Score, x.c.IsQ1, x.c.IsPriority, x.c.IsDalo, x.c.IsMutation, x.c.DesignatedBy,
                CandidateDecisionWorkflow.Label(x.c.State))).ToList();
        var offers = (await db.Offers.AsNoTracking().Where(o => o.VacancyId == vacancy.Id).OrderBy(o => o.Rank).ThenBy(o => o.SentOn)
            .Select(o => new { o, Numero = db.Demands.Where(d => d.Id == o.DemandId).Select(d => d.Numero).FirstOrDefault() }).ToListAsync(ct))
            .Select(x => new OfferRow(x.o.Id, x.o.Rank, x.Numero ?? "", x.o.SentOn, x.o.Deadline, OfferWorkflow.Label(x.o.State), x.o.RefusalReasonCode, x.o.AnsweredOn)).ToList();
        var leases = (await db.Leases.AsNoTracking().Where(l => l.VacancyId == vacancy.Id).OrderBy(l => l.SignedOn)
            .Select(l => new { l, Numero = db.Demands.Where(d => d.Id == l.DemandId).Select(d => d.Numero).FirstOrDefault() }).ToListAsync(ct))
            .Select(x => new LeaseRow(x.l.Id, x.Numero ?? "", x.l.SignedOn, x.l.StartsOn, x.l.EndedOn, x.l.SignedBy)).ToList();

        var canDesignate = scope.CanDesignate(vacancy)
            && vacancy.State is VacancyState.Oriented or VacancyState.KeptByBailleur or VacancyState.ReturnedToBailleur;
        var canDecide = vacancy.State == VacancyState.AtCaleol
            && (scope.IsAdministrator || (scope.SitsInCaleol && vacancy.BailleurOrganisationId == scope.OrganisationId));
        var withdrawn = vacancy.WithdrawnReason is null ? null : AllocationSettingsLabel(vacancy.WithdrawnReason);
        return new Result(vacancy, VacancyWorkflow.Label(vacancy.State), dwelling.RplsId, address, commune, bailleur, reservataire,
            Label(vacancy.ProposedConventionId), Label(vacancy.ConventionId), choices, timeline, candidates, offers, leases,
            new Permissions(canOrient, canDesignate, canDecide, scope.CanActAsBailleur(vacancy)), scope, withdrawn);
    }

    private string AllocationSettingsLabel(string code) =>
        settings.Exclusions.Find(code) is { } reason ? French.Format($"{reason.Label} ({reason.Source})") : $"motif « {code} »";
}
