using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Targets;

/// <summary>
/// Leases → <see cref="AllocationFact"/>s: the one mapping of the targets (issue 7). A lease carries, copied at its
/// signature, everything the indicators read (place, QPV basis, resources per UC and Q1 verdict, DALO, priority,
/// mutation, relocation, flux, réservataire, CALEOL session), so the facts are a plain projection of the needed
/// columns, read without tracking and streamed: a national year (≈420,000 leases) is one query, no join. Ids are
/// written as strings (the bailleur's and réservataire's Equilibre ids, the session id); labels are looked up apart.
/// </summary>
public static class LeaseFacts
{
    /// <summary>The columns read, nothing else.</summary>
    public sealed record Row(
        long Id, DateOnly SignedOn, string EpciSiren, string CommuneCode, long BailleurId, FluxOrigin Flux, long? ReservataireOrganisationId,
        int Rooms, FinancingFamily? Financing, int? ConstructionYear, QpvBasis? Qpv, decimal? AnnualResourcesPerUc, bool? IsQ1,
        Relocation Relocation, bool Dalo, string? PriorityCategory, bool Mutation, long? CaleolSessionId);

    /// <summary>The leases signed between two dates (both included).</summary>
    public static IQueryable<Lease> SignedBetween(this IQueryable<Lease> leases, DateOnly from, DateOnly to) =>
        leases.Where(l => l.SignedOn >= from && l.SignedOn <= to);

    /// <summary>The projection of the needed columns, untracked.</summary>
    public static IQueryable<Row> Rows(this IQueryable<Lease> leases) => leases.AsNoTracking().Select(l => new Row(
        l.Id, l.SignedOn, l.EpciSiren, l.CommuneCode, l.BailleurId, l.Flux, l.ReservataireOrganisationId, l.Rooms, l.Financing, l.ConstructionYear,
        l.Qpv, l.AnnualResourcesPerUc, l.IsQ1, l.Relocation, l.Dalo, l.PriorityCategory, l.Mutation, l.CaleolSessionId));

    /// <summary>The facts of the leases, streamed from the database and collected (the engine reads them twice: period and previous period).</summary>
    public static async Task<List<AllocationFact>> ToFactsAsync(this IQueryable<Lease> leases, CancellationToken ct = default)
    {
        var facts = new List<AllocationFact>();
        await foreach (var row in leases.Rows().AsAsyncEnumerable().WithCancellation(ct))
        {
            facts.Add(ToFact(row));
        }

        return facts;
    }

    public static AllocationFact ToFact(Row r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AllocationFact
        {
            LeaseId = r.Id,
            SignedOn = r.SignedOn,
            EpciSiren = r.EpciSiren,
            CommuneCode = r.CommuneCode,
            BailleurId = r.BailleurId.ToString(CultureInfo.InvariantCulture),
            Flux = r.Flux,
            ReservataireId = r.ReservataireOrganisationId?.ToString(CultureInfo.InvariantCulture),
            Typology = Typology(r.Rooms),
            Financing = r.Financing,
            ConstructionPeriod = ConstructionPeriod(r.ConstructionYear),
            Qpv = r.Qpv,
            AnnualResourcesPerUc = r.AnnualResourcesPerUc,
            Q1AtSignature = r.IsQ1,
            Relocation = r.Relocation,
            Dalo = r.Dalo,
            PriorityCategory = r.PriorityCategory,
            Mutation = r.Mutation,
            CalSessionId = r.CaleolSessionId?.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>"T1" … "T5", "T6+" from the number of main rooms; null when not recorded (0).</summary>
    public static string? Typology(int rooms) => rooms switch
    {
        <= 0 => null,
        >= 6 => "T6+",
        _ => string.Create(CultureInfo.InvariantCulture, $"T{rooms}"),
    };

    /// <summary>
    /// The construction period of the flux bilan (domain.md §9, §17.9): the spec names the dimension, not its classes,
    /// so these are the usual RPLS publication classes (before 1949, 1949–1974, 1975–1988, 1989–2000, 2001–2012,
    /// 2013 and later); null when the year is unknown.
    /// </summary>
    public static string? ConstructionPeriod(int? year) => year switch
    {
        null or <= 0 => null,
        < 1949 => "avant 1949",
        <= 1974 => "1949-1974",
        <= 1988 => "1975-1988",
        <= 2000 => "1989-2000",
        <= 2012 => "2001-2012",
        _ => "2013 et après",
    };
}
