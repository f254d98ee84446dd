using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// One dwelling in one millésime with its résidence, flattened for the lists and the overview (a member-initialised
/// class, not a record, so that filters and groupings after the projection still translate to SQL).
/// </summary>
public sealed class StockRow
{
    public long DwellingId { get; init; }
    public string RplsId { get; init; } = "";
    public long ResidenceId { get; init; }
    public string CommuneCode { get; init; } = "";
    public string? CommuneName { get; init; }
    public string? EpciSiren { get; init; }
    public string? StreetNumber { get; init; }
    public string? StreetType { get; init; }
    public string? StreetName { get; init; }
    public string? BuildingName { get; init; }
    public bool? InQpv { get; init; }
    public string? QpvCode { get; init; }
    public int Millesime { get; init; }
    public int Rooms { get; init; }
    public decimal? HabitableSurface { get; init; }
    public string FinancingCode { get; init; } = "";
    public FinancingFamily? Financing { get; init; }
    public decimal? MonthlyRent { get; init; }
    public OccupancyMode? OccupancyMode { get; init; }
    public string? DpeEnergyClass { get; init; }
    public bool? AdaptedForHandicap { get; init; }
    public long? BailleurId { get; init; }
    public string? Floor { get; init; }
    public string? ApartmentNumber { get; init; }

    /// <summary>The address as the pages write it: "12 RUE DES LILAS (LES CHÊNES)".</summary>
    public string Address => StockText.Address(StreetNumber, StreetType, StreetName, BuildingName);
}

/// <summary>The visible dwellings of a millésime as <see cref="StockRow"/>s, and the millésimes held.</summary>
internal static class StockRows
{
    public static IQueryable<StockRow> Of(EquilibreDb db, StockScope scope, int millesime) =>
        from d in db.Dwellings.AsNoTracking().Visible(db, scope)
        join s in db.DwellingStates.AsNoTracking() on d.Id equals s.DwellingId
        join r in db.Residences.AsNoTracking() on d.ResidenceId equals r.Id
        where s.Millesime == millesime
        select new StockRow
        {
            DwellingId = d.Id,
            RplsId = d.RplsId,
            ResidenceId = r.Id,
            CommuneCode = r.CommuneCode,
            CommuneName = r.CommuneName,
            EpciSiren = r.EpciSiren,
            StreetNumber = r.StreetNumber,
            StreetType = r.StreetType,
            StreetName = r.StreetName,
            BuildingName = r.BuildingName,
            InQpv = r.InQpv,
            QpvCode = r.QpvCode,
            Millesime = s.Millesime,
            Rooms = s.Rooms,
            HabitableSurface = s.HabitableSurface,
            FinancingCode = s.FinancingCode,
            Financing = s.Financing,
            MonthlyRent = s.MonthlyRent,
            OccupancyMode = s.OccupancyMode,
            DpeEnergyClass = s.DpeEnergyClass,
            AdaptedForHandicap = s.AdaptedForHandicap,
            BailleurId = s.BailleurId,
            Floor = d.Floor,
            ApartmentNumber = d.ApartmentNumber,
        };

    /// <summary>The millésimes of the visible dwellings, latest first.</summary>
    public static async Task<IReadOnlyList<int>> MillesimesAsync(EquilibreDb db, StockScope scope, CancellationToken ct)
    {
        var dwellings = db.Dwellings.AsNoTracking().Visible(db, scope);
        return await db.DwellingStates.AsNoTracking().Where(s => dwellings.Any(d => d.Id == s.DwellingId))
            .Select(s => s.Millesime).Distinct().OrderByDescending(m => m).ToListAsync(ct);
    }
}

/// <summary>French wording shared by the stock pages, API and reports.</summary>
public static class StockText
{
    public static string Address(string? number, string? type, string? street, string? building)
    {
        var line = string.Join(' ', new[] { number, type, street }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (line.Length == 0)
        {
            line = "adresse non renseignée";
        }

        return string.IsNullOrWhiteSpace(building) ? line : $"{line} ({building})";
    }

    /// <summary>T1…T5+ from the number of main rooms.</summary>
    public static string Typology(int rooms) => rooms >= 5 ? "T5+" : $"T{rooms}";

    public static string Financing(FinancingFamily? family) => family is { } f ? StockEligibility.Label(f) : "financement inconnu";

    /// <summary>The ceiling family the RPLS "plafond CUS" names (PLAI, PLUS, PLS, PLI), null when empty or another value.</summary>
    public static FinancingFamily? CusFamily(string? cus) => cus?.Trim().ToUpperInvariant() switch
    {
        "PLAI" => FinancingFamily.Plai,
        "PLUS" => FinancingFamily.Plus,
        "PLS" => FinancingFamily.Pls,
        "PLI" => FinancingFamily.Pli,
        _ => null,
    };
}
