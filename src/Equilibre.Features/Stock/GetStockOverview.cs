using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// The stock the user sees (<see cref="StockAccess"/>), or one EPCI of it, in one millésime (latest by default):
/// dwellings by commune, by typology T1…T5+, by financing family and in / outside QPV (RPLS geocoding of the
/// millésime), mean rent per m² and vacancy as the SDES defines them (domain.md §16.4): rent Σ LOYERPRINC ÷ Σ SURFHAB
/// over the let dwellings with a rent; vacancy = dwellings offered but vacant (MODE 2) ÷ let or offered (MODE 1 or 2).
/// Both need the "version loi" (rent, MODE): from an open-data file they are "not available", never zero. The sums
/// are grouped in the database (one row per commune × typology × financing × QPV), so the overview of a whole
/// region reads a few thousand rows, not its dwellings.
/// </summary>
public sealed class GetStockOverview(EquilibreDb db)
{
    public sealed record Request(string? EpciSiren = null, int? Millesime = null);

    /// <summary>Figures of a group of dwellings; rates are null when the file does not allow them.</summary>
    public sealed record Figures(int Dwellings, int InQpv, int OutsideQpv, int QpvUnknown, decimal? MeanRentPerSquareMetre, int RentSample, decimal? VacancyRate, int Vacant, int LetOrOffered);

    public sealed record CommuneFigures(string CommuneCode, string? CommuneName, Figures Figures);

    public sealed record Count(string Label, int Dwellings);

    public sealed record EpciOption(string Siren, string Name);

    public sealed record Result(
        int? Millesime, IReadOnlyList<int> Millesimes, string? EpciSiren, string? EpciName, Figures Total, IReadOnlyList<CommuneFigures> Communes,
        IReadOnlyList<Count> Typologies, IReadOnlyList<Count> Financings, IReadOnlyList<EpciOption> Epcis, IReadOnlyList<string> Notes, StockScope Scope);

    private sealed class Cell
    {
        public string CommuneCode { get; init; } = "";
        public string? CommuneName { get; init; }
        public int Rooms { get; init; }
        public FinancingFamily? Financing { get; init; }
        public bool? InQpv { get; init; }
        public int Dwellings { get; init; }
        public decimal? RentSum { get; init; }
        public decimal? SurfaceSum { get; init; }
        public int RentSample { get; init; }
        public int Vacant { get; init; }
        public int LetOrOffered { get; init; }
    }

    public static readonly IReadOnlyList<string> TypologyLabels = ["T1", "T2", "T3", "T4", "T5+"];

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await StockAccess.ScopeAsync(db, user, ct);
        var millesimes = await StockRows.MillesimesAsync(db, scope, ct);
        int? millesime = request.Millesime is { } asked && millesimes.Contains(asked) ? asked : millesimes.Count > 0 ? millesimes[0] : null;
        var visibleResidences = db.Residences.AsNoTracking().Visible(db, scope);
        var epciCodes = visibleResidences.Where(r => r.EpciSiren != null).Select(r => r.EpciSiren).Distinct();
        var epcis = await db.Epcis.AsNoTracking().Where(e => epciCodes.Contains(e.Siren)).Select(e => new EpciOption(e.Siren, e.Name)).ToListAsync(ct);
        var culture = StringComparer.Create(French.Culture, ignoreCase: true);
        epcis = [.. epcis.OrderBy(e => e.Name, culture)];
        var epci = request.EpciSiren is { Length: > 0 } siren ? siren : null;
        var epciName = epci is null ? null : await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Name).FirstOrDefaultAsync(ct);
        if (millesime is not { } m)
        {
            return new Result(null, millesimes, epci, epciName, Sum([]), [], [], [], epcis, ["aucun logement visible : importez un fichier RPLS"], scope);
        }

        var rows = StockRows.Of(db, scope, m);
        if (epci is not null)
        {
            var communes = db.Communes.Where(c => c.ValidTo == null);
            rows = rows.Where(r => r.EpciSiren == epci || (r.EpciSiren == null && communes.Any(c => c.Code == r.CommuneCode && (c.EpciSiren == epci || c.EptSiren == epci))));
        }

        var cells = await rows
            .GroupBy(r => new { r.CommuneCode, Rooms = r.Rooms >= 5 ? 5 : r.Rooms, r.Financing, r.InQpv })
            .Select(g => new Cell
            {
                CommuneCode = g.Key.CommuneCode,
                CommuneName = g.Max(x => x.CommuneName),
                Rooms = g.Key.Rooms,
                Financing = g.Key.Financing,
                InQpv = g.Key.InQpv,
                Dwellings = g.Count(),
                RentSum = g.Sum(x => x.OccupancyMode == OccupancyMode.Let && x.HabitableSurface != null ? x.MonthlyRent : null),
                SurfaceSum = g.Sum(x => x.OccupancyMode == OccupancyMode.Let && x.MonthlyRent != null ? x.HabitableSurface : null),
                RentSample = g.Count(x => x.OccupancyMode == OccupancyMode.Let && x.MonthlyRent != null && x.HabitableSurface != null),
                Vacant = g.Count(x => x.OccupancyMode == OccupancyMode.VacantOffered),
                LetOrOffered = g.Count(x => x.OccupancyMode == OccupancyMode.Let || x.OccupancyMode == OccupancyMode.VacantOffered),
            })
            .ToListAsync(ct);

        var byCommune = cells.GroupBy(c => c.CommuneCode)
            .Select(g => new CommuneFigures(g.Key, g.Select(c => c.CommuneName).FirstOrDefault(n => n is not null), Sum(g)))
            .OrderBy(c => c.CommuneName ?? c.CommuneCode, culture).ToList();
        var typologies = TypologyLabels.Select((label, i) => new Count(label, cells.Where(c => c.Rooms == i + 1).Sum(c => c.Dwellings))).ToList();
        var financings = Enum.GetValues<FinancingFamily>().Select(f => new Count(StockEligibility.Label(f), cells.Where(c => c.Financing == f).Sum(c => c.Dwellings)))
            .Append(new Count("financement inconnu", cells.Where(c => c.Financing is null).Sum(c => c.Dwellings)))
            .Where(c => c.Dwellings > 0 || c.Label != "financement inconnu").ToList();
        var total = Sum(cells);
        var notes = new List<string>
        {
            French.Format($"état du parc au 1er janvier {m} (millésime RPLS {m})"),
            "QPV : géocodage du fichier RPLS de ce millésime ; la situation « en QPV pour les objectifs » à une date se lit sur la page de chaque logement",
            total.MeanRentPerSquareMetre is null
                ? "loyer moyen au m² non disponible : aucun logement loué avec loyer et surface (le fichier open data ne donne pas les loyers)"
                : French.Format($"loyer moyen au m² : Σ loyers principaux ÷ Σ surfaces habitables des {total.RentSample:N0} logement(s) loué(s) avec loyer et surface (définition SDES)"),
            total.VacancyRate is null
                ? "taux de vacance non disponible : aucun mode d'occupation au 1er janvier (le fichier open data ne le donne pas)"
                : French.Format($"taux de vacance : {total.Vacant:N0} logement(s) proposé(s) à la location mais vacant(s) ÷ {total.LetOrOffered:N0} loué(s) ou proposé(s) à la location (définition SDES)"),
        };
        return new Result(m, millesimes, epci, epciName, total, byCommune, typologies, financings, epcis, notes, scope);
    }

    private static Figures Sum(IEnumerable<Cell> cells)
    {
        var list = cells.ToList();
        var rent = list.Sum(c => c.RentSum ?? 0m);
        var surface = list.Sum(c => c.SurfaceSum ?? 0m);
        var sample = list.Sum(c => c.RentSample);
        var vacant = list.Sum(c => c.Vacant);
        var lettable = list.Sum(c => c.LetOrOffered);
        return new Figures(
            list.Sum(c => c.Dwellings), list.Where(c => c.InQpv == true).Sum(c => c.Dwellings), list.Where(c => c.InQpv == false).Sum(c => c.Dwellings),
            list.Where(c => c.InQpv is null).Sum(c => c.Dwellings),
            sample > 0 && surface > 0 ? Math.Round(rent / surface, 2, MidpointRounding.AwayFromZero) : null, sample,
            lettable > 0 ? Math.Round(100m * vacant / lettable, 1, MidpointRounding.AwayFromZero) : null, vacant, lettable);
    }
}
