using Equilibre.Domain.Allocation;
using Equilibre.Domain.Targets;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Reads from the tables the counts the Domain flux rules take (<see cref="FluxBase.Compute"/>, <see cref="FluxLedger.Compute"/>)
/// and hands them over: the flux base of a bailleur in a convention's perimeter and year, and a convention's ledger line.
/// No arithmetic of its own beyond counting rows, so that the ledger page, the orientation proposal and the préfet
/// share check give the same figures.
/// </summary>
internal static class FluxFigures
{
    /// <summary>A stored convention with the names the explanations show, and its Domain form.</summary>
    public sealed record NamedConvention(ReservationConventionRecord Record, string BailleurName, string ReservataireName, ReservationConvention Domain);

    /// <summary>The conventions of <paramref name="query"/> with their names, in a stable order (bailleur, réservataire).</summary>
    public static async Task<List<NamedConvention>> NamedAsync(EquilibreDb db, IQueryable<ReservationConventionRecord> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(c => new
            {
                Record = c,
                Bailleur = db.Bailleurs.Where(b => b.Id == c.BailleurId).Select(b => b.Name).FirstOrDefault(),
                Reservataire = db.Organisations.Where(o => o.Id == c.ReservataireOrganisationId).Select(o => o.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows
            .Select(r => new NamedConvention(r.Record, r.Bailleur ?? "bailleur inconnu", r.Reservataire ?? "réservataire inconnu",
                r.Record.ToDomain(r.Reservataire ?? "réservataire inconnu", r.Bailleur ?? "bailleur inconnu")))
            .OrderBy(c => c.BailleurName, StringComparer.Ordinal).ThenBy(c => c.ReservataireName, StringComparer.Ordinal).ThenBy(c => c.Record.Id)
            .ToList();
    }

    /// <summary>The conventions of a bailleur valid at some point of <paramref name="year"/>.</summary>
    public static IQueryable<ReservationConventionRecord> OfYear(this IQueryable<ReservationConventionRecord> conventions, int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return conventions.Where(c => c.ValidFrom <= last && (c.ValidTo == null || c.ValidTo >= first));
    }

    /// <summary>The vacancies of the bailleur counted in the flux of <paramref name="perimeter"/> for <paramref name="year"/> (withdrawn-from-letting ones are not put on the market).</summary>
    private static IQueryable<Vacancy> InFlux(EquilibreDb db, long bailleurId, FluxPerimeter perimeter, int year)
    {
        var query = db.Vacancies.AsNoTracking().Where(v => v.BailleurId == bailleurId && v.FluxYear == year
            && v.DepartementCode == perimeter.Departement && v.State != VacancyState.Withdrawn);
        if (perimeter.Communes is { } communes)
        {
            var list = communes.ToList();
            query = query.Where(v => list.Contains(v.CommuneCode));
        }

        return query;
    }

    /// <summary>
    /// The flux base of a bailleur in a perimeter and year: vacancies declared for that year and those withdrawn from the flux
    /// by reason; <paramref name="plus"/> adds a vacancy being declared (not stored yet), with its withdrawal reason.
    /// </summary>
    public static async Task<FluxBase> BaseAsync(
        EquilibreDb db, long bailleurId, FluxPerimeter perimeter, int year, FluxExclusions exclusions, CancellationToken ct, (bool Add, string? Reason) plus = default)
    {
        var query = InFlux(db, bailleurId, perimeter, year);
        var vacancies = await query.CountAsync(ct);
        var byReason = (await query.Where(v => v.WithdrawnReason != null).GroupBy(v => v.WithdrawnReason!)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count, StringComparer.Ordinal);
        if (plus.Add)
        {
            vacancies++;
            if (plus.Reason is { } reason)
            {
                byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
            }
        }

        return FluxBase.Compute(vacancies, byReason, exclusions);
    }

    /// <summary>What happened on the convention's flux in the year: oriented, returned, attributed (leases signed on those vacancies).</summary>
    public static async Task<FluxLedgerInput> InputAsync(EquilibreDb db, NamedConvention convention, int year, CancellationToken ct)
    {
        var id = convention.Record.Id;
        var oriented = db.Vacancies.AsNoTracking().Where(v => v.ConventionId == id && v.FluxYear == year && v.OrientedOn != null);
        var counts = await oriented.GroupBy(v => v.Returned).Select(g => new { Returned = g.Key, Count = g.Count() }).ToListAsync(ct);
        var returned = counts.Where(c => c.Returned).Sum(c => c.Count);
        var reservataire = convention.Record.ReservataireOrganisationId;
        var attributed = await db.Leases.AsNoTracking()
            .Where(l => l.ReservataireOrganisationId == reservataire && l.Flux != FluxOrigin.BailleurNonReserved
                && oriented.Any(v => !v.Returned && v.Id == l.VacancyId))
            .Select(l => l.VacancyId).Distinct().CountAsync(ct);
        return new FluxLedgerInput(convention.Domain, year, counts.Sum(c => c.Count), returned, attributed, convention.Record.CarriedOver);
    }

    /// <summary>Typology commitments against the dwellings of that size oriented to the convention in the year.</summary>
    public static async Task<IReadOnlyList<(TypologyCommitment Commitment, int Oriented)>> TypologiesAsync(EquilibreDb db, NamedConvention convention, int year, CancellationToken ct)
    {
        if (convention.Domain.Typologies.Count == 0)
        {
            return [];
        }

        var id = convention.Record.Id;
        var byRooms = await db.Vacancies.AsNoTracking().Where(v => v.ConventionId == id && v.FluxYear == year && v.OrientedOn != null)
            .GroupBy(v => v.Rooms).Select(g => new { Rooms = g.Key, Count = g.Count() }).ToListAsync(ct);
        return convention.Domain.Typologies
            .Select(t => (t, byRooms.Where(r => r.Rooms == t.Rooms).Sum(r => r.Count)))
            .ToList();
    }

    /// <summary>The ledger line of a convention for a year (<see cref="FluxLedger.Compute"/>) with the flux base it used.</summary>
    public static async Task<(FluxLedgerLine Line, FluxBase Base)> LedgerAsync(
        EquilibreDb db, NamedConvention convention, int year, AllocationSettings settings, CancellationToken ct, (bool Add, string? Reason) plus = default)
    {
        var flux = await BaseAsync(db, convention.Record.BailleurId, convention.Domain.Perimeter, year, settings.Exclusions, ct, plus);
        var input = await InputAsync(db, convention, year, ct);
        return (FluxLedger.Compute(input, flux, settings.Ledger), flux);
    }

    /// <summary>How a convention is described in lists and choices: réservataire, share, perimeter.</summary>
    public static string Describe(NamedConvention c) =>
        $"{c.ReservataireName} — {c.Domain.Share.Describe()}, {c.Domain.Perimeter.Describe()} ({c.Record.Reference})";
}
