using Equilibre.Domain;
using Equilibre.Domain.Privacy;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Public;

/// <summary>
/// The public key figures of a territory and a year (product.md "Information du demandeur" and "Observatoire",
/// domain.md §11.3 and §12): active demands and those in mutation, leases signed, pressure (tension: active demands ÷
/// leases of the year), median seniority of the housed demands, share of leases to DALO or priority households, the
/// T1 and T2 rates, and the social stock (dwellings, share in QPV, vacancy) — each with its date, its source and, when
/// it counts households, the 11-household rule of <see cref="HouseholdDisclosure"/> (domain.md §10.3: a count below 11
/// is « moins de 11 ménages », never 0; a rate whose numerator is masked, or could be derived by subtraction, is masked
/// too).
/// <para>
/// Its own area, <c>Public</c>, rather than <c>Targets</c> or <c>Stock</c>: it reads three areas (the registry, the
/// leases through the targets engine, the RPLS stock) for <em>anonymous</em> readers, whereas each of those areas
/// answers through its own professional scope (<see cref="DemandAccess"/>, <see cref="AllocationAccess"/>,
/// <see cref="StockAccess"/>). Here nothing is scoped and everything is an aggregate, so the one rule of this area is
/// the masking, applied to every figure.
/// </para>
/// <para>
/// Nothing is recounted: T1, T2, the priority share and the number of leases are the <see cref="TargetEngine"/>'s own
/// numerators, denominators and data quality over <see cref="LeaseFacts"/>, with the definitions of
/// <see cref="TargetsSettings"/>. The other figures are aggregates computed in the database over indexed columns
/// (demands by their first wished commune's EPCI, département and région, as the SNE counts them; leases by signature
/// date; dwellings by millésime), so a national year is one count over the demands, one pass of the engine, one
/// grouped count of the housed demands by registration and signature month, and one count of the dwellings. The result
/// is cached by <see cref="KeyFiguresCache"/> under the data version.
/// </para>
/// </summary>
public sealed class GetKeyFigures(EquilibreDb db, TargetsSettings targets, QpvRuleSettings qpv, TimeProvider clock, KeyFiguresCache cache)
{
    /// <summary>At most one of région, département, EPCI; none = France. Year: the current one when null.</summary>
    public sealed record Request(int? Year = null, string? Region = null, string? Departement = null, string? Epci = null);

    /// <summary>
    /// One key figure. <see cref="Value"/> is null when masked or not available, and <see cref="Display"/> then says
    /// which (« moins de 11 ménages », « non disponible »).
    /// </summary>
    /// <param name="Code">Stable identifier (<c>demandes-actives</c>, <c>T1</c>…).</param>
    /// <param name="Label">What it is, in French.</param>
    /// <param name="Value">The number (a count, a percentage, months, a ratio); null when masked or not available.</param>
    /// <param name="Unit">« demandes », « baux », « % », « mois »…</param>
    /// <param name="Display">What to print, in French.</param>
    /// <param name="Numerator">For a rate or a ratio: what is divided, as it may be shown.</param>
    /// <param name="Denominator">For a rate or a ratio: what it is divided by, as it may be shown.</param>
    /// <param name="Date">When the figure holds: « au 31/12/2025 », « du 01/01/2025 au 31/12/2025 », « au 1er janvier 2026 ».</param>
    /// <param name="Source">Where the data comes from.</param>
    /// <param name="Explanation">How it is computed, or why it is masked.</param>
    public sealed record Figure(
        string Code, string Label, decimal? Value, string Unit, string Display, DisclosedCount? Numerator, DisclosedCount? Denominator,
        string Date, string Source, string Explanation)
    {
        public bool Masked => Value is null && Display == HouseholdDisclosure.MaskedLabel;
    }

    public sealed record Result(
        KeyFiguresScope Scope, string? Code, string Name, int Year, DateOnly DemandsAsOf, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes,
        DateTimeOffset ComputedAt, string DataVersion)
    {
        public Figure this[string code] => Figures.First(f => f.Code == code);
    }

    /// <summary>Why a request was refused (the API answers 400 or 404).</summary>
    public enum Refusal
    {
        None,
        Invalid,
        UnknownTerritory,
    }

    /// <param name="Figures">The figures; null when refused.</param>
    /// <param name="Refusal">Why it was refused, <see cref="Refusal.None"/> otherwise.</param>
    /// <param name="Error">The French reason of the refusal.</param>
    /// <param name="FromCache">True when the figures were served from <see cref="KeyFiguresCache"/>.</param>
    public sealed record Response(Result? Figures, Refusal Refusal, string? Error, bool FromCache)
    {
        public static Response Refused(Refusal refusal, string error) => new(null, refusal, error, false);
    }

    public const string DemandsSource =
        "registre des demandes d'Equilibre (SNE et guichets) : demandes actives à la date, rattachées au territoire de leur première commune souhaitée";

    public const string LeasesSource =
        "baux signés enregistrés dans Equilibre (circuit d'attribution et import des attributions historiques), par date de signature";

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = FrenchTime.Today(clock);
        var year = request.Year ?? today.Year;
        if (year < 2000 || year > today.Year)
        {
            return Response.Refused(Refusal.Invalid, French.Format($"année {year} invalide : une année de 2000 à {today.Year} est attendue"));
        }

        var given = new[] { ("region", Trim(request.Region)), ("departement", Trim(request.Departement)), ("epci", Trim(request.Epci)) }.Where(p => p.Item2 is not null).ToList();
        if (given.Count > 1)
        {
            return Response.Refused(Refusal.Invalid, $"un seul territoire à la fois : {string.Join(" et ", given.Select(g => g.Item1))} sont donnés (région, département ou EPCI ; aucun pour la France)");
        }

        var (scope, code) = given.Count == 0
            ? (KeyFiguresScope.France, null)
            : (given[0].Item1 switch { "region" => KeyFiguresScope.Region, "departement" => KeyFiguresScope.Departement, _ => KeyFiguresScope.Epci }, given[0].Item2);
        var name = scope switch
        {
            KeyFiguresScope.France => "France",
            KeyFiguresScope.Region => await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct),
            KeyFiguresScope.Departement => await db.Departements.AsNoTracking().Where(d => d.Code == code).Select(d => d.Name).FirstOrDefaultAsync(ct),
            _ => await db.Epcis.AsNoTracking().Where(e => e.Siren == code).Select(e => e.Name).FirstOrDefaultAsync(ct),
        };
        if (name is null)
        {
            return Response.Refused(Refusal.UnknownTerritory, scope switch
            {
                KeyFiguresScope.Region => $"aucune région de code « {code} » (code INSEE, par exemple 44 pour le Grand Est)",
                KeyFiguresScope.Departement => $"aucun département de code « {code} » (code INSEE, par exemple 51 ou 2A)",
                _ => $"aucun EPCI de SIREN « {code} » (9 chiffres, par exemple 200067213 pour la CU du Grand Reims)",
            });
        }

        // Demands are counted on 31 December, or today for the current year.
        var asOf = year == today.Year ? today : new DateOnly(year, 12, 31);
        var version = await DataVersionAsync(db, ct);
        var (figures, fromCache) = await cache.GetAsync(new KeyFiguresCache.Key(scope, code, year, asOf), version,
            () => ComputeAsync(scope, code, name, year, asOf, today, version));
        return new Response(figures, Refusal.None, null, fromCache);
    }

    /// <summary>
    /// The data version the cache compares: the highest id of the import runs, demand events (every change of a demand
    /// appends one, imports included), leases and allocation events (<see cref="DataVersion"/>).
    /// </summary>
    public static Task<string> DataVersionAsync(EquilibreDb db, CancellationToken ct = default) =>
        DataVersion.MaxIdsAsync(db, [typeof(ImportRun), typeof(DemandEvent), typeof(Lease), typeof(AllocationEvent)], ct);

    private async Task<Result> ComputeAsync(KeyFiguresScope scope, string? code, string name, int year, DateOnly asOf, DateOnly today, string version)
    {
        // Shared by concurrent callers: not cancelled by the first one's request.
        var ct = CancellationToken.None;
        var departements = scope == KeyFiguresScope.Region
            ? await db.Departements.AsNoTracking().Where(d => d.RegionCode == code).Select(d => d.Code).ToListAsync(ct)
            : [];
        var figures = new List<Figure>();
        var asOfText = French.Format($"au {asOf:dd/MM/yyyy}");
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var periodText = French.Format($"du {from:dd/MM/yyyy} au {(year == today.Year ? today : to):dd/MM/yyyy}");

        // Demands active on the date: registered, not expired, not radiated (the definition of RecomputeQ1Thresholds).
        var demands = db.Demands.AsNoTracking()
            .Where(d => d.RegisteredOn <= asOf && d.ExpiresOn > asOf && (d.RadiatedOn == null || d.RadiatedOn > asOf));
        demands = scope switch
        {
            KeyFiguresScope.Region => demands.Where(d => d.DepartementCode != null && departements.Contains(d.DepartementCode)),
            KeyFiguresScope.Departement => demands.Where(d => d.DepartementCode == code),
            KeyFiguresScope.Epci => demands.Where(d => d.EpciSiren == code),
            _ => demands,
        };
        var counts = await demands.GroupBy(d => 1).Select(g => new { Active = g.Count(), Mutations = g.Count(d => d.IsMutation) }).FirstOrDefaultAsync(ct);
        var (active, mutations) = (counts?.Active ?? 0, counts?.Mutations ?? 0);
        var activeShown = HouseholdDisclosure.Households(active);
        figures.Add(new Figure("demandes-actives", "Demandes de logement social actives", activeShown.Value, "demandes", activeShown.Display, null, null,
            asOfText, DemandsSource, activeShown.Explanation ?? "demandes enregistrées, ni expirées ni radiées à la date"));
        var (_, mutationParts) = HouseholdDisclosure.Split(active, [("mutations", mutations)]);
        var mutationShown = mutationParts[0].Households;
        var mutationShare = mutationShown.Masked ? null : HouseholdDisclosure.Share(mutations, active);
        figures.Add(new Figure("demandes-mutation", "dont demandes de mutation (ménages déjà locataires du parc social)", mutationShown.Value, "demandes",
            mutationShare is { Masked: false, Percent: not null } ? French.Format($"{mutationShown.Display} ({mutationShare.Display})") : mutationShown.Display,
            mutationShown, activeShown, asOfText, DemandsSource, mutationShown.Explanation ?? "demandes actives dont le ménage est déjà locataire d'un logement social"));

        // Leases of the year through the targets engine: count (its data quality), T1, T2, priority share.
        var leases = db.Leases.AsNoTracking().SignedBetween(from, to);
        leases = scope switch
        {
            KeyFiguresScope.Region => leases.Where(l => departements.Contains(l.DepartementCode)),
            KeyFiguresScope.Departement => leases.Where(l => l.DepartementCode == code),
            KeyFiguresScope.Epci => leases.Where(l => l.EpciSiren == code),
            _ => leases,
        };
        var facts = await leases.ToFactsAsync(db, ct);
        var priority = CiaCatalogue.PriorityShare.Adopt(1, StatutoryTargets.Lec, null, 0m, "indicateur d'information, sans objectif");
        var definitions = targets.Definitions(scope == KeyFiguresScope.Epci ? code : null).Where(d => d.Id is "T1" or "T2").Append(priority).ToList();
        var engineSettings = await TargetsQuery.SettingsAsync(db, targets, qpv, ct);
        var group = TargetEngine.Compute(facts, definitions, TargetGrouping.None, TargetPeriod.Year(year), engineSettings).Groups[0];
        var signed = group.Quality.Leases;
        var signedShown = HouseholdDisclosure.Households(signed);
        figures.Add(new Figure("baux-signes", "Attributions (baux signés) dans l'année", signedShown.Value, "baux", signedShown.Display, null, null,
            periodText, LeasesSource, signedShown.Explanation ?? "baux signés dans la période, quel que soit le contingent"));

        var pressure = !activeShown.Masked && !signedShown.Masked && signed > 0 ? Math.Round((decimal)active / signed, 1, MidpointRounding.AwayFromZero) : (decimal?)null;
        figures.Add(new Figure("pression", "Pression de la demande (demandes actives pour une attribution)", pressure, "demandes par attribution",
            pressure is { } p ? French.Format($"{p:0.0} demande(s) pour une attribution") : activeShown.Masked || signedShown.Masked ? HouseholdDisclosure.MaskedLabel : "sans objet",
            activeShown, signedShown, French.Format($"demandes {asOfText}, baux {periodText}"), "tension, domain.md §12 : " + DemandsSource + " ; " + LeasesSource,
            pressure is null && (activeShown.Masked || signedShown.Masked)
                ? "calculée sur un groupe de " + HouseholdDisclosure.MaskedLabel + " : " + HouseholdDisclosure.Rule
                : pressure is null ? "aucun bail signé dans la période" : "demandes actives ÷ baux signés dans l'année (mutations comprises)"));

        figures.Add(await SeniorityAsync(leases, periodText, ct));
        figures.Add(Rate("part-prioritaires", "Part des attributions aux ménages DALO ou prioritaires", group[priority.Id]!, periodText, withThreshold: false));
        figures.Add(Rate("T1", "T1 : attributions hors QPV aux ménages du premier quartile ou relogés", group["T1"]!, periodText, withThreshold: true));
        figures.Add(Rate("T2", "T2 : attributions en QPV aux ménages des quartiles 2 à 4", group["T2"]!, periodText, withThreshold: true));
        figures.AddRange(await StockAsync(scope, code, departements, year, ct));

        var notes = new List<string>
        {
            HouseholdDisclosure.Rule,
            "les demandes sont rattachées au territoire de leur première commune souhaitée (comme les statistiques du SNE) ; les attributions et les logements à celui du logement",
            "T1, T2 et la part des ménages prioritaires sont ceux du moteur des objectifs (mêmes règles, exclusions et seuils que le tableau de bord /objectifs)",
        };
        if (year == today.Year)
        {
            notes.Add(French.Format($"année en cours : chiffres provisoires au {today:dd/MM/yyyy}"));
        }

        return new Result(scope, code, name, year, asOf, figures, notes, clock.GetUtcNow(), version);
    }

    /// <summary>
    /// Median seniority of the demands housed in the period (domain.md §12 « délai d'attente », attributed households):
    /// calendar months from the first registration to the lease signature, read as counts grouped by registration and
    /// signature month (a few thousand rows for a national year, not one row per lease). Leases of households outside
    /// the registry (historical imports without a demand) have no seniority and are left out.
    /// </summary>
    private async Task<Figure> SeniorityAsync(IQueryable<Lease> leases, string periodText, CancellationToken ct)
    {
        var cells = await (from l in leases
                           join d in db.Demands on l.DemandId equals d.Id
                           group l by new { RegisteredYear = d.RegisteredOn.Year, RegisteredMonth = d.RegisteredOn.Month, SignedYear = l.SignedOn.Year, SignedMonth = l.SignedOn.Month } into g
                           select new { g.Key.RegisteredYear, g.Key.RegisteredMonth, g.Key.SignedYear, g.Key.SignedMonth, Count = g.Count() }).ToListAsync(ct);
        var months = cells.Select(c => (Months: (c.SignedYear * 12) + c.SignedMonth - (c.RegisteredYear * 12) - c.RegisteredMonth, c.Count)).ToList();
        var housed = months.Sum(m => m.Count);
        const string label = "Ancienneté médiane des demandes satisfaites";
        const string source = "registre des demandes (date de première inscription) et baux signés dans la période";
        if (!HouseholdDisclosure.CanShow(housed))
        {
            return new Figure("anciennete-mediane", label, null, "mois", HouseholdDisclosure.MaskedLabel, null, null, periodText, source,
                French.Format($"médiane sur un groupe de {HouseholdDisclosure.MaskedLabel} : ") + HouseholdDisclosure.Rule);
        }

        var median = MedianMonths(months);
        return new Figure("anciennete-mediane", label, median, "mois", French.Format($"{median} mois"), null, HouseholdDisclosure.Households(housed), periodText, source,
            French.Format($"médiane, en mois calendaires de la première inscription à la signature du bail, des {housed:N0} ménages logés dont la demande est au registre"));
    }

    /// <summary>The median of a distribution given as (value, count): the lower middle value for an even total (nearest rank of 50 %).</summary>
    public static int MedianMonths(IReadOnlyCollection<(int Months, int Count)> distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var total = distribution.Sum(d => d.Count);
        ArgumentOutOfRangeException.ThrowIfZero(total);
        var rank = (total + 1) / 2;
        var seen = 0;
        foreach (var (months, count) in distribution.OrderBy(d => d.Months))
        {
            seen += count;
            if (seen >= rank)
            {
                return months;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// A rate of the engine as it may be shown: the denominator is a group of households (masked below 11), the
    /// numerator a part of it (<see cref="HouseholdDisclosure.Split"/>: masked below 11, or when the rest of the group
    /// would be a group of fewer than 11 found by subtraction), and the rate only when both are shown.
    /// </summary>
    public static Figure Rate(string code, string label, IndicatorResult result, string periodText, bool withThreshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (denominator, parts) = HouseholdDisclosure.Split(result.Denominator, [("numérateur", result.Numerator)]);
        var numerator = parts[0].Households;
        var shown = !denominator.Masked && !numerator.Masked && result.Rate is not null;
        var percent = shown ? Math.Round(100m * result.Rate!.Value, 1, MidpointRounding.AwayFromZero) : (decimal?)null;
        var method = French.Format($"{result.RuleVersion} : numérateur ÷ dénominateur ; {result.Excluded} bail(s) exclu(s) du dénominateur")
            + (result.Exclusions.Count > 0 ? " (" + string.Join(", ", result.Exclusions.Where(e => e.Count > 0).Select(e => e.Label)) + ")" : "")
            + (withThreshold ? " ; seuil " + IndicatorResult.Percent(result.Threshold) + " (" + result.ThresholdSource + ")" : "");
        var display = shown ? result.RateText
            : result.Denominator == 0 ? "sans objet"
            : HouseholdDisclosure.MaskedLabel;
        var explanation = shown || result.Denominator == 0 ? method
            : (denominator.Explanation ?? numerator.Explanation ?? HouseholdDisclosure.Rule) + " ; " + method;
        return new Figure(code, label, percent, "%", display, numerator, denominator, periodText,
            "baux signés, moteur des objectifs (" + result.Definition.Source + ")", explanation);
    }

    /// <summary>
    /// The social stock of the latest RPLS millésime not after 1 January of the next year (the stock at the end of the
    /// year): dwellings, share in QPV (RPLS geocoding, over the dwellings whose status is known) and vacancy as the SDES
    /// defines it (domain.md §16.4: offered but vacant ÷ let or offered), in one grouped count. Dwellings are not
    /// households: no masking.
    /// </summary>
    private async Task<IEnumerable<Figure>> StockAsync(KeyFiguresScope scope, string? code, IReadOnlyList<string> departements, int year, CancellationToken ct)
    {
        var millesime = await db.DwellingStates.AsNoTracking().Where(s => s.Millesime <= year + 1).MaxAsync(s => (int?)s.Millesime, ct);
        if (millesime is not { } m)
        {
            const string none = "aucun millésime RPLS importé pour cette année";
            return
            [
                new Figure("logements", "Logements sociaux", null, "logements", "non disponible", null, null, "—", "RPLS", none),
                new Figure("part-qpv", "Part des logements sociaux en QPV", null, "%", "non disponible", null, null, "—", "RPLS", none),
                new Figure("taux-vacance", "Taux de vacance", null, "%", "non disponible", null, null, "—", "RPLS", none),
            ];
        }

        var rows = from s in db.DwellingStates.AsNoTracking()
                   join d in db.Dwellings.AsNoTracking() on s.DwellingId equals d.Id
                   join r in db.Residences.AsNoTracking() on d.ResidenceId equals r.Id
                   where s.Millesime == m
                   select new { r.EpciSiren, r.DepartementCode, r.InQpv, s.OccupancyMode };
        rows = scope switch
        {
            KeyFiguresScope.Region => rows.Where(r => r.DepartementCode != null && departements.Contains(r.DepartementCode)),
            KeyFiguresScope.Departement => rows.Where(r => r.DepartementCode == code),
            KeyFiguresScope.Epci => rows.Where(r => r.EpciSiren == code),
            _ => rows,
        };
        var sums = await rows.GroupBy(r => 1).Select(g => new
        {
            Dwellings = g.Count(),
            InQpv = g.Count(r => r.InQpv == true),
            QpvKnown = g.Count(r => r.InQpv != null),
            Vacant = g.Count(r => r.OccupancyMode == OccupancyMode.VacantOffered),
            LetOrOffered = g.Count(r => r.OccupancyMode == OccupancyMode.Let || r.OccupancyMode == OccupancyMode.VacantOffered),
        }).FirstOrDefaultAsync(ct);
        var (dwellings, inQpv, qpvKnown, vacant, lettable) = (sums?.Dwellings ?? 0, sums?.InQpv ?? 0, sums?.QpvKnown ?? 0, sums?.Vacant ?? 0, sums?.LetOrOffered ?? 0);
        var date = French.Format($"au 1er janvier {m}");
        var source = French.Format($"RPLS, millésime {m} (état du parc au 1er janvier {m})");
        decimal? Percent(int part, int whole) => whole > 0 ? Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero) : null;
        static DisclosedCount Dwellings(int n) => new(n, French.Format($"{n:N0}"), null);
        var qpvShare = Percent(inQpv, qpvKnown);
        var vacancy = Percent(vacant, lettable);
        return
        [
            new Figure("logements", "Logements sociaux", dwellings, "logements", French.Format($"{dwellings:N0}"), null, null, date, source,
                "logements du répertoire des bailleurs sociaux dans le territoire"),
            new Figure("part-qpv", "Part des logements sociaux en QPV", qpvShare, "%", qpvShare is { } q ? French.Format($"{q:0.0} %") : "non disponible",
                Dwellings(inQpv), Dwellings(qpvKnown), date, source + " : géocodage QPV du fichier",
                French.Format($"logements en QPV ÷ logements dont la situation est connue ({dwellings - qpvKnown:N0} sans géocodage QPV)")),
            new Figure("taux-vacance", "Taux de vacance", vacancy, "%", vacancy is { } v ? French.Format($"{v:0.0} %") : "non disponible",
                Dwellings(vacant), Dwellings(lettable), date, source + " : mode d'occupation",
                vacancy is null
                    ? "non disponible : aucun mode d'occupation au 1er janvier (le fichier open data ne le donne pas)"
                    : "logements proposés à la location mais vacants ÷ logements loués ou proposés à la location (définition SDES, domain.md §16.4)"),
        ];
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
