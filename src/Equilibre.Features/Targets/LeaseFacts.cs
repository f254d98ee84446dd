using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// The facts of the leases (the period and the previous period are read once, the engine reads them several times).
    /// The query's own SQL (<see cref="Rows"/>: scope and filters included) runs through the provider's data reader and
    /// each row is read by position straight into a fact (<see cref="FactReader"/>): no intermediate object, and the
    /// texts a year repeats are shared by the facts.
    /// </summary>
    public static async Task<List<AllocationFact>> ToFactsAsync(this IQueryable<Lease> leases, EquilibreDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = new List<AllocationFact>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = leases.Rows().CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            var row = new FactReader(reader);
            while (await reader.ReadAsync(ct))
            {
                facts.Add(row.Read());
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return facts;
    }

    /// <summary>
    /// One row of <see cref="Rows"/> into a fact, by position. Compiled optimised at once: a dashboard's read runs it
    /// 44,000 times per call but a server calls it too rarely for tiered compilation to promote it in time.
    /// </summary>
    private sealed class FactReader(DbDataReader reader)
    {
        /// <summary>The texts a year repeats (EPCI, commune, category), shared by the facts.</summary>
        private readonly TextPool _texts = new();

        /// <summary>The ids as text (bailleur, réservataire, CAL session), made once per read.</summary>
        private readonly Dictionary<long, string> _ids = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public AllocationFact Read() => new()
        {
            LeaseId = reader.GetInt64(0),
            SignedOn = reader.GetFieldValue<DateOnly>(1),
            EpciSiren = _texts.Shared(reader.GetString(2)),
            CommuneCode = _texts.Shared(reader.GetString(3)),
            BailleurId = Id(reader.GetInt64(4)),
            Flux = Enum.Parse<FluxOrigin>(reader.GetString(5)),
            ReservataireId = reader.IsDBNull(6) ? null : Id(reader.GetInt64(6)),
            Typology = Typology(reader.GetInt32(7)),
            Financing = reader.IsDBNull(8) ? null : Enum.Parse<FinancingFamily>(reader.GetString(8)),
            ConstructionPeriod = ConstructionPeriod(reader.IsDBNull(9) ? null : reader.GetInt32(9)),
            Qpv = reader.IsDBNull(10) ? null : Enum.Parse<QpvBasis>(reader.GetString(10)),
            AnnualResourcesPerUc = reader.IsDBNull(11) ? null : reader.GetDecimal(11),
            Q1AtSignature = reader.IsDBNull(12) ? null : reader.GetBoolean(12),
            Relocation = Enum.Parse<Relocation>(reader.GetString(13)),
            Dalo = reader.GetBoolean(14),
            PriorityCategory = _texts.Read(reader, 15),
            Mutation = reader.GetBoolean(16),
            CalSessionId = reader.IsDBNull(17) ? null : Id(reader.GetInt64(17)),
        };

        private string Id(long value) => _ids.TryGetValue(value, out var known) ? known : _ids[value] = value.ToString(CultureInfo.InvariantCulture);
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
