using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// One demand as its page, its API and the CLI show it: the content, the household facts computed today with their
/// explanations (persons, category, UC, resources per UC, Q1 with the threshold and year used, eligibility by
/// financing), the lifecycle status, the wished communes with their seniority, the attestation data and the history.
/// Null when the demand does not exist or is outside the user's territory (the caller answers 404 alike).
/// </summary>
public sealed class GetDemand(EquilibreDb db, TimeProvider clock, DemandSettings settings)
{
    public sealed record Wish(int Rank, string CommuneCode, string CommuneName, string? EpciSiren, DateOnly Since, int SeniorityDays);

    public sealed record HistoryEntry(DateTimeOffset At, DemandEventKind Kind, string Summary, string? Detail, string By, string? OrganisationName);

    /// <summary>What the attestation d'enregistrement carries (domain.md §2.3).</summary>
    public sealed record Attestation(string Numero, DateOnly RegisteredOn, DateOnly ValidUntil, string? GuichetName, IReadOnlyList<string> Bailleurs);

    public sealed record Result(
        string Numero, DemandStatus Status, string StatusLabel, DemandState State, DateOnly? LastRenewedOn, string? RadiationSubCode,
        DemandFile File, HouseholdFactsResult Facts, DateOnly Today, int SeniorityDays, IReadOnlyList<Wish> Wishes,
        Attestation Attestation, IReadOnlyList<HistoryEntry> History, int Version, bool IsDemo, bool CanWrite, DemandSettings Settings);

    public async Task<Result?> HandleAsync(string numero, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var demand = await db.Demands.AsNoTracking().Visible(user).Include(d => d.Wishes).FirstOrDefaultAsync(d => d.Numero == numero, ct);
        if (demand is null)
        {
            return null;
        }

        var today = FrenchTime.Today(clock);
        var file = DemandJson.Read(demand.Content);
        var reference = await DemandReference.LoadForAsync(db, file, ct);
        var facts = reference.Facts(file, today, settings.Household);
        var wishes = demand.Wishes.OrderBy(w => w.Rank)
            .Select(w => new Wish(w.Rank, w.CommuneCode, reference.Commune(w.CommuneCode)?.Name ?? w.CommuneCode, w.EpciSiren, w.Since, DemandLifecycle.Seniority(w.Since, today)))
            .ToList();
        var history = await db.DemandEvents.AsNoTracking().Where(e => e.DemandId == demand.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new HistoryEntry(e.At, e.Kind, e.Summary, e.Detail, e.By, e.OrganisationName)).ToListAsync(ct);
        var guichet = demand.GuichetOrganisationId is null ? null
            : await db.Organisations.Where(o => o.Id == demand.GuichetOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var attestation = new Attestation(demand.Numero, demand.RegisteredOn, demand.ExpiresOn.AddDays(-1), guichet, await BailleursAsync(wishes, reference, ct));
        return new Result(demand.Numero, demand.Status, DemandLifecycle.StatusLabel(demand.State, today), demand.State, demand.LastRenewedOn, demand.RadiationSubCode,
            file, facts, today, DemandLifecycle.Seniority(demand.RegisteredOn, today), wishes, attestation, history, demand.Version, demand.IsDemo,
            DemandAccess.CanWrite(user), settings);
    }

    /// <summary>Bailleurs acting in the wished communes: those whose territory contains one of them.</summary>
    private async Task<IReadOnlyList<string>> BailleursAsync(IReadOnlyList<Wish> wishes, DemandReference reference, CancellationToken ct)
    {
        var bailleurs = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Bailleur).ToListAsync(ct);
        var places = wishes.Select(w => reference.Commune(w.CommuneCode)).OfType<CommunePlace>().ToList();
        return [.. bailleurs.Where(b => places.Any(p => b.Scope.Contains(p.RegionCode, p.DepartementCode, p.EpciSiren, p.Code))).Select(b => b.Name).Order()];
    }
}
