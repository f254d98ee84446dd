using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Features.Applications.Sne;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Demo.National;

/// <summary>
/// Deterministic national demands on the real territory (seeded <see cref="Random"/>): each demand falls in an EPCI
/// drawn by population, its first wished commune in that EPCI drawn by population; resources per UC are log-normal
/// (σ 0.5) with their 25th percentile on the EPCI's latest official Q1 threshold (else a national ≈ 9,200 €); ≈ 85 %
/// are active on 31 December 2025 (the others registered in 2026, radiated or lapsed before); ≈ 30 % mutations.
/// Every column the registry's lists and the Q1 recomputation read is filled consistently with a minimal content
/// (applicant, resources, dependants, wished commune) written by <see cref="DemandJson"/>; one wish row per demand, no
/// history. Written through <see cref="DemandBulkWriter"/> in transactions of <see cref="BatchSize"/> demands, each in
/// its own scope: memory stays flat whatever the count. Part of the national dataset (<see cref="GenerateNationalDataset"/>).
/// </summary>
public sealed class NationalDemands(IServiceScopeFactory scopes)
{
    public const int BatchSize = 50_000;
    public const int Seed = 20251231;
    public const decimal NationalThreshold = 9_200m;
    public const double Sigma = 0.5;
    public static readonly DateOnly StockDate = new(2025, 12, 31);

    /// <summary>z of the 25th percentile of the standard normal distribution.</summary>
    private const double Z25 = -0.6744897501960817;
    private const string GuichetCode = "BENCH";

    private static readonly string[] LastNames = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "DIALLO", "NGUYEN", "TRAORÉ", "DA SILVA", "YILMAZ"];
    private static readonly string[] FirstNames = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Céline", "Julie", "Léa", "Inès", "Fatima", "Amina", "Jean", "Philippe", "Michel", "Nicolas", "Julien", "Kevin", "Mehdi", "Karim", "Mamadou", "Hugo"];

    private sealed record Place(string Code, string EpciSiren, string DepartementCode, string RegionCode);

    private sealed record EpciDraw(string Siren, decimal Threshold, int? ThresholdYear, Place[] Communes, long[] Cumulative);

    /// <summary>A demand radiated for a lease (RADATT) in 2026: the national leases house it (<see cref="NationalStock"/>).</summary>
    public sealed record Housed(string Numero, string EpciSiren, DateOnly RadiatedOn, decimal? ResourcesPerUc, bool Mutation);

    /// <summary>Generates <paramref name="count"/> demands into the database; <paramref name="progress"/> receives the number written after each batch.</summary>
    public Task GenerateAsync(long count, IProgress<long>? progress = null, CancellationToken ct = default) => GenerateAsync(count, progress, null, ct);

    /// <summary>Same as <see cref="GenerateAsync(long, IProgress{long}?, CancellationToken)"/>, telling <paramref name="housed"/> each demand radiated for a lease.</summary>
    public async Task GenerateAsync(long count, IProgress<long>? progress, Action<Housed>? housed, CancellationToken ct = default)
    {
        var batch = new List<(Demand Demand, IReadOnlyList<DemandEvent> Events)>(BatchSize);
        IReadOnlyList<DemandEvent> noEvents = [];
        long written = 0;
        foreach (var demand in Generate(await LoadTerritoryAsync(ct), count, housed))
        {
            batch.Add((demand, noEvents));
            if (batch.Count == BatchSize || written + batch.Count == count)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await scope.ServiceProvider.GetRequiredService<DemandBulkWriter>().InsertAsync(db, batch, ct);
                await transaction.CommitAsync(ct);
                written += batch.Count;
                batch.Clear();
                progress?.Report(written);
            }
        }
    }

    /// <summary>
    /// Writes the same <paramref name="count"/> demands as <see cref="GenerateAsync(long, IProgress{long}?, CancellationToken)"/> to an SNE interfaceNuu XML file (the
    /// format <see cref="ImportDemands"/> reads), streamed demand by demand.
    /// </summary>
    public async Task WriteSneAsync(long count, Stream output, IProgress<long>? progress = null, Action<Housed>? housed = null, CancellationToken ct = default)
    {
        var territory = await LoadTerritoryAsync(ct);
        using var writer = new SneXmlWriter(output, new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        long written = 0;
        foreach (var d in Generate(territory, count, housed))
        {
            ct.ThrowIfCancellationRequested();
            writer.Write(new SneDemand(0, d.Numero, d.GuichetCode, d.RegisteredOn, d.LastRenewedOn,
                d.Radiation is { } r ? new SneRadiation(DemandLifecycle.Code(r), null, d.RadiatedOn) : null, DemandJson.Read(d.Content)));
            if (++written % BatchSize == 0 || written == count)
            {
                progress?.Report(written);
            }
        }
    }

    private static IEnumerable<Demand> Generate((EpciDraw[] Epcis, long[] Cumulative) territory, long count, Action<Housed>? housed)
    {
        var (epcis, cumulative) = territory;
        var random = new Random(Seed);
        var sequences = new Dictionary<string, int>();
        var now = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
        for (long i = 0; i < count; i++)
        {
            var epci = epcis[Pick(cumulative, random)];
            var place = epci.Communes[Pick(epci.Cumulative, random)];
            var demand = Demand(random, epci, place, sequences, now);
            if (housed is not null && demand.Radiation == RadiationReason.Allocation)
            {
                housed(new Housed(demand.Numero, place.EpciSiren, demand.RadiatedOn!.Value, demand.AnnualResourcesPerUc, demand.IsMutation));
            }

            yield return demand;
        }
    }

    private async Task<(EpciDraw[] Epcis, long[] Cumulative)> LoadTerritoryAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var communes = (await db.Communes.AsNoTracking()
            .Where(c => c.ValidTo == null && c.EpciSiren != null && c.Population != null && c.Population > 0)
            .Select(c => new { c.Code, EpciSiren = c.EpciSiren!, c.DepartementCode, c.RegionCode, Population = c.Population!.Value })
            .ToListAsync(ct)).OrderBy(c => c.Code, StringComparer.Ordinal).ToLookup(c => c.EpciSiren);
        var thresholds = (await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren != null)
            .Select(t => new { EpciSiren = t.EpciSiren!, t.Year, t.AmountPerUcPerYear }).ToListAsync(ct))
            .GroupBy(t => t.EpciSiren).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Year)!);
        var epcis = (await db.Epcis.AsNoTracking().Where(e => e.ValidTo == null && e.Population != null && e.Population > 0)
            .Select(e => new { e.Siren, Population = e.Population!.Value }).ToListAsync(ct))
            .Where(e => communes[e.Siren].Any()).OrderBy(e => e.Siren, StringComparer.Ordinal).ToList();
        var draws = new EpciDraw[epcis.Count];
        var cumulative = new long[epcis.Count];
        long sum = 0;
        for (var i = 0; i < epcis.Count; i++)
        {
            var members = communes[epcis[i].Siren].ToList();
            var memberSums = new long[members.Count];
            long memberSum = 0;
            for (var j = 0; j < members.Count; j++)
            {
                memberSum += members[j].Population;
                memberSums[j] = memberSum;
            }

            var latest = thresholds.GetValueOrDefault(epcis[i].Siren);
            draws[i] = new EpciDraw(epcis[i].Siren, latest?.AmountPerUcPerYear ?? NationalThreshold, latest?.Year,
                [.. members.Select(m => new Place(m.Code, m.EpciSiren, m.DepartementCode, m.RegionCode))], memberSums);
            sum += epcis[i].Population;
            cumulative[i] = sum;
        }

        if (draws.Length == 0)
        {
            throw new InvalidOperationException("aucun EPCI peuplé : les données de référence manquent");
        }

        return (draws, cumulative);
    }

    /// <summary>Index of the first cumulative weight above a uniform draw (weighted choice).</summary>
    private static int Pick(long[] cumulative, Random random)
    {
        var x = (long)(random.NextDouble() * cumulative[^1]);
        var index = Array.BinarySearch(cumulative, x + 1);
        return index >= 0 ? index : ~index;
    }

    private static Demand Demand(Random random, EpciDraw epci, Place place, Dictionary<string, int> sequences, DateTimeOffset now)
    {
        // Household: 43 % single persons (published), then couples and families; UC as the demand's facts count them.
        var household = random.NextDouble() switch
        {
            < 0.43 => (Persons: 1, Uc: 1.0m),
            < 0.63 => (Persons: 2, Uc: 1.5m),
            < 0.80 => (Persons: 3, Uc: 1.8m),
            _ => (Persons: 4, Uc: 2.1m),
        };

        // Log-normal resources per UC whose first quartile is the EPCI's threshold: μ = ln T − σ z₀.₂₅.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var perUcDrawn = (double)epci.Threshold * Math.Exp(Sigma * (normal - Z25));
        var monthly = Math.Round((decimal)perUcDrawn * household.Uc / 12m, 2, MidpointRounding.AwayFromZero);
        var perUc = Math.Round(12m * monthly / household.Uc, 2, MidpointRounding.AwayFromZero);

        // Stock on 31 December 2025: ≈ 85 % active, 8 % registered in 2026, 3 % radiated during 2025, 4 % lapsed before.
        var seniority = Math.Min(2900, (int)(-600 * Math.Log(1 - random.NextDouble())));
        var status = DemandStatus.Active;
        RadiationReason? radiation = null;
        DateOnly? radiatedOn = null;
        DateOnly registered;
        DateOnly lastRenewal;
        var roll = random.NextDouble();
        if (roll < 0.08)
        {
            registered = StockDate.AddDays(1 + random.Next(0, 200));
            lastRenewal = registered;
        }
        else if (roll < 0.11)
        {
            registered = StockDate.AddDays(-Math.Max(seniority, 30));
            radiatedOn = StockDate.AddDays(-random.Next(1, Math.Min(Math.Max(seniority, 30), 300)));
            lastRenewal = LastAnniversary(registered, radiatedOn.Value);
            (status, radiation) = (DemandStatus.Radiated, RadiationReason.Renunciation);
        }
        else if (roll < 0.15)
        {
            registered = StockDate.AddDays(-Math.Max(seniority, 366 + random.Next(0, 400)));
            lastRenewal = LastAnniversary(registered, StockDate.AddYears(-1));
            radiatedOn = DemandLifecycle.Expiry(lastRenewal);
            (status, radiation) = (DemandStatus.Radiated, RadiationReason.NonRenewal);
        }
        else
        {
            registered = StockDate.AddDays(-seniority);
            lastRenewal = LastAnniversary(registered, StockDate);
            if (random.NextDouble() < 0.10)
            {
                // still in the stock on 31 December, housed during 2026
                radiatedOn = StockDate.AddDays(random.Next(1, 300));
                (status, radiation) = (DemandStatus.Radiated, RadiationReason.Allocation);
            }
        }

        var mutation = random.NextDouble() < 0.30;
        var lastName = LastNames[random.Next(LastNames.Length)];
        var firstName = FirstNames[random.Next(FirstNames.Length)];
        var file = new DemandFile
        {
            Applicant = new Person
            {
                LastName = lastName,
                FirstName = firstName,
                BirthDate = new DateOnly(1950 + (seniority % 50), 1 + (seniority % 12), 1 + (seniority % 28)), // required by the SNE format; no draw, so the sequence is unchanged
                ResourcesReceived = [new MonthlyResource(perUc < 7_000m ? "RSA" : "SAL", monthly)],
            },
            Dependants = [.. Enumerable.Range(0, household.Persons - 1).Select(_ => new Dependant(null, null, null, null, "E"))],
            CurrentHousing = mutation ? new CurrentHousing(["HLM"], null, null, null, null, null, false) : null,
            Wishes = new HousingWishes(["T2"], null, [place.Code], false),
        };
        var prefix = NumeroUnique.Prefix(place.DepartementCode, registered);
        var sequence = sequences[prefix] = sequences.GetValueOrDefault(prefix) + 1;
        var applicant = lastName + " " + firstName;
        var demand = new Demand
        {
            Numero = NumeroUnique.Generate(place.DepartementCode, registered, sequence, GuichetCode),
            Status = status,
            RegisteredOn = registered,
            ExpiresOn = DemandLifecycle.Expiry(lastRenewal),
            LastRenewedOn = lastRenewal == registered ? null : lastRenewal,
            Radiation = radiation,
            RadiatedOn = radiatedOn,
            GuichetCode = GuichetCode,
            ApplicantName = applicant,
            SearchName = SearchText.Fold(applicant),
            FirstCommuneCode = place.Code,
            EpciSiren = place.EpciSiren,
            DepartementCode = place.DepartementCode,
            RegionCode = place.RegionCode,
            Typologies = "T2",
            Persons = household.Persons,
            CategoryRank = Math.Min(household.Persons, 6),
            ConsumptionUnits = household.Uc,
            MonthlyResources = monthly,
            AnnualResourcesPerUc = perUc,
            IsQ1 = epci.ThresholdYear is null ? null : perUc < epci.Threshold,
            Q1Year = epci.ThresholdYear,
            Q1Threshold = epci.ThresholdYear is null ? null : epci.Threshold,
            IsMutation = mutation,
            PriorityCodes = "",
            FactsComputedOn = registered,
            Content = DemandJson.Write(file),
            Version = 1,
            UpdatedAt = now,
        };
        demand.Wishes.Add(new DemandWish
        {
            Rank = 1,
            CommuneCode = place.Code,
            EpciSiren = place.EpciSiren,
            DepartementCode = place.DepartementCode,
            RegionCode = place.RegionCode,
            Since = registered,
        });
        return demand;
    }

    /// <summary>The registration date or its latest anniversary on or before <paramref name="on"/> (the last renewal).</summary>
    private static DateOnly LastAnniversary(DateOnly registered, DateOnly on)
    {
        var last = registered;
        for (var next = registered.AddYears(1); next <= on; next = next.AddYears(1))
        {
            last = next;
        }

        return last;
    }
}
