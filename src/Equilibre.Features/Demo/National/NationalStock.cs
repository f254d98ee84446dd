using System.Globalization;
using System.Text;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Demo.National;

/// <summary>
/// The stock and the leases of the national dataset, written in the real import formats so that they load through the
/// importers users run (RPLS CSV → <see cref="Stock.ImportRpls"/>, quartiers CSV → <see cref="Stock.ImportPriorityAreas"/>,
/// attributions CSV → <see cref="Allocation.ImportAttributions"/>). Deterministic (seeded <see cref="Random"/>):
/// <list type="bullet">
/// <item>dwellings: <see cref="NationalDwellingCount"/> × scale in résidences of 1–60 dwellings on the real communes,
/// drawn by population; national typology mix (RPLS 2023: T1 6 %, T2 19 %, T3 37 %, T4 28 %, T5+ 10 %); 31 % of the
/// dwellings in a QPV (a synthetic quartier per commune, valid since 2024: real QPV perimeters are not in the reference
/// data); three bailleurs per département (test SIRENs 97DDDKKKK);</item>
/// <item>leases: <see cref="NationalLeaseCount"/> × scale signed in 2026: first the demands radiated RADATT in 2026 by
/// <see cref="NationalDemands"/> (their numéro, EPCI, resources), then external households (no numéro) whose resources
/// per UC put ≈ 12 % under the EPCI's threshold; a dwelling is let once. Flux: 25 % préfet, 20 % Action Logement,
/// 45 % bailleur, 5 % restitué, 5 % hors flux; 2 % ANRU relocations; 4 % DALO.</item>
/// </list>
/// Memory: one small record per résidence and one bit per dwelling let; every line is written as it is drawn.
/// </summary>
public sealed class NationalStock(IServiceScopeFactory scopes)
{
    /// <summary>Social dwellings in France (RPLS 2024: ≈ 5.4 million).</summary>
    public const long NationalDwellingCount = 5_400_000;

    /// <summary>Lettings a year in France (≈ 420,000).</summary>
    public const long NationalLeaseCount = 420_000;

    public const int Seed = 20260101;
    public const int Millesime = 2026;
    public const string ActionLogement = "Action Logement Services (national)";

    public const string RplsHeader = "IDENT_REP;SIRET;RS;DEPCOM;LIBCOM;NUMVOIE;TYPVOIE;NOMVOIE;IMMEU;ETAGE;NUMAPPT;QPV_CODE;NBPIECE;SURFHAB;CONSTRUCT;FINAN;DPEENERGIE;MODE;LOYERPRINC;EPCI;DEP;REG";
    public const string AttributionsHeader = "identifiant;date_signature;date_effet;date_fin;rpls_logement;numero_demande;siren_bailleur;reservataire;flux;relogement;mutation;ressources_par_uc;q1;epci;dalo;priorite";

    /// <summary>z of the 12th percentile of the standard normal distribution (external households' share under the threshold).</summary>
    private const double Z12 = -1.1749867920660904;
    private static readonly string[] Streets = ["RUE DES LILAS", "AVENUE JEAN JAURÈS", "RUE VICTOR HUGO", "ALLÉE DES TILLEULS", "BOULEVARD DE LA RÉPUBLIQUE", "RUE DU 8 MAI 1945", "PLACE DE LA MAIRIE", "RUE PASTEUR"];

    internal sealed record Commune(string Code, string Name, string EpciSiren, string Departement, string Region);

    /// <summary>A résidence drawn: its first dwelling index, size, commune, bailleur SIREN.</summary>
    internal readonly record struct ResidenceDraw(int Start, int Count, int Commune, string Siren);

    /// <summary>What the stock leaves for the leases: the résidences, by EPCI, and the communes.</summary>
    public sealed class StockIndex
    {
        internal List<ResidenceDraw> Residences { get; } = [];
        internal Dictionary<string, List<int>> ByEpci { get; } = new(StringComparer.Ordinal);
        internal List<Commune> Communes { get; init; } = [];
        internal Dictionary<string, decimal> Thresholds { get; init; } = [];
        public int Dwellings { get; internal set; }
        public IReadOnlyCollection<string> Departements => [.. Communes.Select(c => c.Departement).Distinct().Order(StringComparer.Ordinal)];
    }

    public static string RplsId(int index) => string.Create(CultureInfo.InvariantCulture, $"N{index:D9}");

    /// <summary>The réservataire organisations the leases name (one préfecture per département, Action Logement), created when absent.</summary>
    public static async Task EnsureReservatairesAsync(EquilibreDb db, IEnumerable<string> departements, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = departements.Select(Prefecture).Append(ActionLogement).ToList();
        var existing = (await db.Organisations.Where(o => names.Contains(o.Name)).Select(o => o.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !existing.Contains(n)))
        {
            db.Organisations.Add(new Organisation { Name = name, Kind = OrganisationKind.Reservataire });
        }

        await db.SaveChangesAsync(ct);
    }

    public static string Prefecture(string departement) => $"Préfet (département {departement}, jeu national)";

    /// <summary>Writes the RPLS file and the quartiers file of <paramref name="count"/> dwellings; returns the index the leases need.</summary>
    public async Task<StockIndex> WriteStockAsync(long count, TextWriter rpls, TextWriter quartiers, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rpls);
        ArgumentNullException.ThrowIfNull(quartiers);
        var (communes, cumulative, thresholds) = await LoadTerritoryAsync(ct);
        var index = new StockIndex { Communes = communes, Thresholds = thresholds };
        var random = new Random(Seed);
        var departements = communes.Select(c => c.Departement).Distinct().Order(StringComparer.Ordinal).Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        var qpvCommunes = new SortedSet<int>();
        var line = new StringBuilder(256);
        await rpls.WriteLineAsync(RplsHeader);
        var dwelling = 0;
        while (dwelling < count)
        {
            ct.ThrowIfCancellationRequested();
            var c = Pick(cumulative, random);
            var commune = communes[c];
            var size = (int)Math.Min(count - dwelling, 1 + random.Next(60));
            var siren = string.Create(CultureInfo.InvariantCulture, $"97{departements[commune.Departement]:D3}{random.Next(3):D4}");
            var inQpv = random.NextDouble() < 0.31;
            if (inQpv)
            {
                qpvCommunes.Add(c);
            }

            var residence = index.Residences.Count;
            index.Residences.Add(new ResidenceDraw(dwelling, size, c, siren));
            if (!index.ByEpci.TryGetValue(commune.EpciSiren, out var list))
            {
                index.ByEpci[commune.EpciSiren] = list = [];
            }

            list.Add(residence);
            var number = 1 + (residence % 200);
            var street = Streets[residence % Streets.Length];
            var year = 1950 + random.Next(75);
            for (var k = 0; k < size; k++, dwelling++)
            {
                var rooms = random.NextDouble() switch { < 0.06 => 1, < 0.25 => 2, < 0.62 => 3, < 0.90 => 4, _ => 5 };
                var surface = 18 + (rooms * 17) + random.Next(12);
                var finan = random.NextDouble() switch { < 0.12 => "10", < 0.85 => "12", _ => "14" };
                var rent = Math.Round(surface * (5.2 + (random.NextDouble() * 2.5)), 2);
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"{RplsId(dwelling)};{siren}00011;Bailleur {siren} (jeu national);{commune.Code};{commune.Name};{number};;{street};RÉSIDENCE {residence};{k / 4};{k + 1};");
                line.Append(CultureInfo.InvariantCulture, $"{(inQpv ? QpvCode(commune.Code) : "")};{rooms};{surface};{year};{finan};{(char)('A' + random.Next(7))};1;{rent.ToString("0.00", CultureInfo.GetCultureInfo("fr-FR"))};{commune.EpciSiren};{commune.Departement};{commune.Region}");
                await rpls.WriteLineAsync(line, ct);
            }

            if (residence % 2000 == 0)
            {
                progress?.Report(dwelling);
            }
        }

        index.Dwellings = dwelling;
        progress?.Report(dwelling);
        await quartiers.WriteLineAsync("code_quartier;nom_quartier;type;code_commune;date_debut;date_fin;source");
        foreach (var c in qpvCommunes)
        {
            await quartiers.WriteLineAsync($"{QpvCode(communes[c].Code)};Quartier prioritaire de {communes[c].Name} (jeu national);QPV;{communes[c].Code};2024-01-01;;jeu national Equilibre (synthétique)");
        }

        return index;
    }

    private static string QpvCode(string commune) => "QN" + commune;

    /// <summary>Writes <paramref name="count"/> leases of 2026: the housed demands first, then external households.</summary>
    public static async Task<long> WriteLeasesAsync(StockIndex stock, long count, IReadOnlyList<NationalDemands.Housed> housed, TextWriter output, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(housed);
        ArgumentNullException.ThrowIfNull(output);
        var random = new Random(Seed + 1);
        var let = new System.Collections.BitArray(Math.Max(stock.Dwellings, 1));
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        await output.WriteLineAsync(AttributionsHeader);
        long written = 0;
        var next = 0;
        for (var attempt = 0; written < count && attempt < count * 3; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var demand = next < housed.Count ? housed[next++] : null;
            List<int>? epciResidences = null;
            if (demand is not null && !stock.ByEpci.TryGetValue(demand.EpciSiren, out epciResidences))
            {
                continue; // at a small scale, an EPCI may have no dwelling drawn: the demand stays without lease
            }

            // A few tries for a dwelling not let yet (in the demand's EPCI, or anywhere for an external household).
            var (r, dwelling) = (default(ResidenceDraw), -1);
            for (var t = 0; t < 8 && dwelling < 0; t++)
            {
                r = stock.Residences[epciResidences is null ? random.Next(stock.Residences.Count) : epciResidences[random.Next(epciResidences.Count)]];
                var candidate = r.Start + random.Next(r.Count);
                dwelling = let[candidate] ? -1 : candidate;
            }

            if (dwelling < 0)
            {
                continue;
            }

            let[dwelling] = true;
            var commune = stock.Communes[r.Commune];
            var signed = demand?.RadiatedOn ?? new DateOnly(2026, 1, 2).AddDays(random.Next(330));
            var resources = demand?.ResourcesPerUc ?? External(random, stock.Thresholds.GetValueOrDefault(commune.EpciSiren, NationalDemands.NationalThreshold));
            var (flux, reservataire) = random.NextDouble() switch
            {
                < 0.25 => ("prefet", Prefecture(commune.Departement)),
                < 0.45 => ("reservataire", ActionLogement),
                < 0.90 => ("bailleur", ""),
                < 0.95 => ("restitue", ""),
                _ => ("hors_flux", ""),
            };
            var relocation = random.NextDouble() < 0.02 ? "ANRU" : "";
            var mutation = demand?.Mutation ?? random.NextDouble() < 0.2;
            var dalo = random.NextDouble() < 0.04;
            var priority = random.NextDouble() switch { < 0.10 => "SANS_LOGEMENT", < 0.18 => "MAL_LOGE", _ => "" };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"L{written + 1:D8};{signed:yyyy-MM-dd};{signed.AddDays(random.Next(15)):yyyy-MM-dd};;{RplsId(dwelling)};{demand?.Numero};{r.Siren};{reservataire};{flux};{relocation};{(mutation ? "oui" : "non")};{resources.ToString("0.00", fr)};;;{(dalo ? "oui" : "non")};{priority}"));
            written++;
            if (written % 10_000 == 0)
            {
                progress?.Report(written);
            }
        }

        progress?.Report(written);
        return written;
    }

    /// <summary>Resources per UC of an external household: log-normal (σ 0.5) with ≈ 12 % under the threshold.</summary>
    private static decimal External(Random random, decimal threshold)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Round((decimal)((double)threshold * Math.Exp(NationalDemands.Sigma * (normal - Z12))), 2, MidpointRounding.AwayFromZero);
    }

    private static int Pick(long[] cumulative, Random random)
    {
        var x = (long)(random.NextDouble() * cumulative[^1]);
        var i = Array.BinarySearch(cumulative, x + 1);
        return i >= 0 ? i : ~i;
    }

    private async Task<(List<Commune> Communes, long[] Cumulative, Dictionary<string, decimal> Thresholds)> LoadTerritoryAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var rows = (await db.Communes.AsNoTracking()
            .Where(c => c.ValidTo == null && c.EpciSiren != null && c.Population != null && c.Population > 0)
            .Select(c => new { c.Code, c.Name, EpciSiren = c.EpciSiren!, c.DepartementCode, c.RegionCode, Population = c.Population!.Value })
            .ToListAsync(ct)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("aucune commune peuplée : les données de référence manquent");
        }

        var cumulative = new long[rows.Count];
        long sum = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            sum += rows[i].Population;
            cumulative[i] = sum;
        }

        var thresholds = (await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren != null && t.Year == Millesime)
            .Select(t => new { EpciSiren = t.EpciSiren!, t.AmountPerUcPerYear }).ToListAsync(ct))
            .GroupBy(t => t.EpciSiren).ToDictionary(g => g.Key, g => g.First().AmountPerUcPerYear, StringComparer.Ordinal);
        return ([.. rows.Select(r => new Commune(r.Code, r.Name, r.EpciSiren, r.DepartementCode, r.RegionCode))], cumulative, thresholds);
    }
}
