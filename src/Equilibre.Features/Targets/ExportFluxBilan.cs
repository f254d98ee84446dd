using System.Globalization;
using ClosedXML.Excel;
using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Documents;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Targets;

/// <summary>
/// The annual flux bilan of a bailleur (R441-5-1 CCH, domain.md §9): before 28 February, to every réservataire, the
/// dwellings proposed and attributed in the previous year "par réservataire et par typologie de logement, type de
/// financement, localisation hors et en quartier politique de la ville, commune et période de construction". The
/// attributions are the leases signed (facts at signature, counted by the Domain engine with that six-dimension
/// breakdown); the proposals are the vacancies oriented to each réservataire in the year (and those returned to the
/// bailleur), which carry no financing or construction year, so they are counted per réservataire only. T3 per
/// réservataire is given beside. Scope: the bailleur its own leases, a réservataire only the lines of its flux.
/// </summary>
public sealed class ExportFluxBilan(EquilibreDb db, TargetsSettings settings, QpvRuleSettings qpv, TimeProvider clock)
{
    public sealed record Request(long BailleurId, int Year, long? ReservataireId = null);

    public sealed record CountLine(string Reservataire, string? Typology, string? Financing, string Qpv, string Commune, string? ConstructionPeriod, int Leases, int DaloOrPriority);

    public sealed record Proposals(string Reservataire, int Oriented, int Returned);

    public sealed record Bilan(string BailleurName, int Year, IReadOnlyList<CountLine> Lines, IReadOnlyList<Proposals> Proposed, TargetReport T3, TargetLabels Labels, IReadOnlyList<string> Notes);

    private static readonly GroupDimension[] Dimensions =
    [
        GroupDimension.Reservataire, GroupDimension.Typology, GroupDimension.Financing, GroupDimension.QpvStatus, GroupDimension.Commune, GroupDimension.ConstructionPeriod,
    ];

    private static readonly string[] Header = ["reservataire", "typologie", "financement", "localisation", "commune", "periode_construction", "baux_signes", "dont_dalo_ou_prioritaires"];

    public async Task<(Bilan? Bilan, TargetDocument? Refusal)> ComputeAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var name = FileName(request, "xlsx");
        if (!scope.SeesAnything)
        {
            return (null, new TargetDocument(null, name, $"Le bilan de flux est réservé aux bailleurs, réservataires, EPCI, services de l'État et administrateurs ({scope.Description}).", Forbidden: true));
        }

        var bailleur = await db.Bailleurs.AsNoTracking().Where(b => b.Id == request.BailleurId).Select(b => new { b.Name, b.Siren }).FirstOrDefaultAsync(ct);
        if (bailleur is null)
        {
            return (null, new TargetDocument(null, name, French.Format($"bailleur n° {request.BailleurId} introuvable")));
        }

        var period = TargetPeriod.Year(request.Year);
        var facts = await TargetsQuery.Leases(db, scope, new TargetFilter(BailleurId: request.BailleurId, ReservataireId: request.ReservataireId))
            .SignedBetween(period.From, period.To).ToFactsAsync(db, ct);
        var engine = await TargetsQuery.SettingsAsync(db, settings, qpv, ct);
        var definitions = settings.Definitions(null);
        var detail = TargetEngine.Compute(facts, definitions, TargetGrouping.By(Dimensions), period, engine);
        var t3 = TargetEngine.Compute(facts, definitions.Where(d => d.Id == "T3"), TargetGrouping.By(GroupDimension.Reservataire), period, engine);
        var labels = await TargetsQuery.LabelsAsync(db, facts, ct);
        var priority = facts.Where(f => f.DaloOrPriority).GroupBy(f => GroupKey.Of(f, Dimensions).Values, ValuesComparer.Instance)
            .ToDictionary(g => g.Key, g => g.Count(), ValuesComparer.Instance);
        var lines = detail.Groups.Select(g => new CountLine(
            labels.Of(GroupDimension.Reservataire, g.Key.Values[0]), g.Key.Values[1], g.Key.Values[2],
            GroupKey.ValueLabel(GroupDimension.QpvStatus, g.Key.Values[3]) ?? "", labels.Of(GroupDimension.Commune, g.Key.Values[4]), g.Key.Values[5],
            g.Quality.Leases, priority.GetValueOrDefault(g.Key.Values))).ToList();

        var vacancies = db.Vacancies.Visible(scope).AsNoTracking()
            .Where(v => v.BailleurId == request.BailleurId && v.OrientedOn >= period.From && v.OrientedOn <= period.To);
        if (request.ReservataireId is { } r)
        {
            vacancies = vacancies.Where(v => v.ReservataireOrganisationId == r);
        }

        var oriented = await vacancies.GroupBy(v => v.ReservataireOrganisationId)
            .Select(g => new { Reservataire = g.Key, Oriented = g.Count(), Returned = g.Count(v => v.Returned) }).ToListAsync(ct);
        var organisations = oriented.Where(o => o.Reservataire is not null).Select(o => o.Reservataire!.Value).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var proposed = oriented.Select(o => new Proposals(
                o.Reservataire is { } id ? $"{names.GetValueOrDefault(id, "?")} ({id.ToString(CultureInfo.InvariantCulture)})" : "flux propre du bailleur", o.Oriented, o.Returned))
            .OrderBy(p => p.Reservataire, StringComparer.Ordinal).ToList();
        List<string> notes =
        [
            "bilan prévu par R441-5-1 CCH : logements proposés et attribués l'année précédente, par réservataire, typologie, financement, localisation en/hors QPV, commune et période de construction ; transmis avant le 28 février",
            "attribués : baux signés dans l'année (faits figés à la signature) ; proposés : logements orientés vers le réservataire dans l'année (dont rendus au bailleur), sans financement ni période de construction sur la vacance",
            "périodes de construction : classes de publication RPLS (avant 1949, 1949-1974, 1975-1988, 1989-2000, 2001-2012, 2013 et après), le texte n'en fixant pas (non confirmé)",
            $"périmètre : {scope.Description}",
        ];
        return (new Bilan($"{bailleur.Name} ({bailleur.Siren})", request.Year, lines, proposed, t3, labels, notes), null);
    }

    public async Task<TargetDocument> XlsxAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        var (bilan, refusal) = await ComputeAsync(request, user, ct);
        if (bilan is null)
        {
            return refusal!;
        }

        using var workbook = new XLWorkbook();
        TargetTables.Sheet(workbook, "Attribués", Header, bilan.Lines.Select(Cells));
        TargetTables.Sheet(workbook, "Proposés", ["reservataire", "logements_orientes", "dont_rendus_au_bailleur"],
            bilan.Proposed.Select(p => (IReadOnlyList<TargetTables.Cell>)[p.Reservataire, TargetTables.Cell.Of(p.Oriented), TargetTables.Cell.Of(p.Returned)]));
        TargetTables.Sheet(workbook, "T3 par réservataire", TargetTables.Header, TargetTables.Rows(bilan.T3, bilan.Labels));
        TargetTables.Lines(workbook, "Méthode", [$"Bilan de flux {bilan.Year} — {bilan.BailleurName}", .. bilan.Notes, .. bilan.T3.Method]);
        return new TargetDocument(TargetTables.Save(workbook), FileName(request, "xlsx"), null);
    }

    public async Task<TargetDocument> PdfAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        var (bilan, refusal) = await ComputeAsync(request, user, ct);
        if (bilan is null)
        {
            return refusal! with { FileName = FileName(request, "pdf") };
        }

        using var pdf = new PdfReport(French.Format($"Bilan annuel de flux {bilan.Year} — {bilan.BailleurName}"),
            French.Format($"Logements proposés et attribués du 01/01/{bilan.Year} au 31/12/{bilan.Year} (R441-5-1 CCH)."), clock.GetUtcNow());
        pdf.Heading("Logements attribués (baux signés)");
        pdf.Table(["Réservataire", "Typologie", "Financement", "Localisation", "Commune", "Construction", "Baux", "dont DALO/prio."],
            bilan.Lines.Select(l => (IReadOnlyList<string>)[l.Reservataire, l.Typology ?? "inconnue", l.Financing ?? "inconnu", l.Qpv, l.Commune, l.ConstructionPeriod ?? "inconnue",
                l.Leases.ToString("N0", French.Culture), l.DaloOrPriority.ToString("N0", French.Culture)]),
            [2.4, 0.9, 1, 1, 2, 1.2, 0.7, 0.9], new HashSet<int> { 6, 7 });
        pdf.Heading("Logements proposés (orientés vers le réservataire)");
        pdf.Table(["Réservataire", "Orientés", "dont rendus au bailleur"],
            bilan.Proposed.Select(p => (IReadOnlyList<string>)[p.Reservataire, p.Oriented.ToString("N0", French.Culture), p.Returned.ToString("N0", French.Culture)]), [3, 1, 1.5], new HashSet<int> { 1, 2 });
        pdf.Heading("T3 par réservataire");
        pdf.Table(["Réservataire", "Numérateur", "Dénominateur", "Taux", "Seuil", "Atteint"],
            bilan.T3.Groups.SelectMany(g => g.Indicators.Select(i => (IReadOnlyList<string>)[bilan.Labels.Of(GroupDimension.Reservataire, g.Key.Values[0]),
                i.Numerator.ToString("N0", French.Culture), i.Denominator.ToString("N0", French.Culture), i.RateText, IndicatorResult.Percent(i.Threshold),
                i.Met switch { null => "sans objet", true => "oui", false => "non" }])), [3, 1, 1, 1, 1, 1], new HashSet<int> { 1, 2, 3, 4 });
        pdf.Heading("Méthode");
        pdf.Bullets([.. bilan.Notes, .. bilan.T3.Method], small: true);
        return new TargetDocument(pdf.ToBytes(), FileName(request, "pdf"), null);
    }

    public static string FileName(Request request, string extension)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(CultureInfo.InvariantCulture, $"bilan-flux-{request.BailleurId}-{request.Year}{(request.ReservataireId is { } r ? $"-reservataire-{r}" : "")}.{extension}");
    }

    private static IReadOnlyList<TargetTables.Cell> Cells(CountLine l) =>
        [l.Reservataire, l.Typology ?? "", l.Financing ?? "", l.Qpv, l.Commune, l.ConstructionPeriod ?? "", TargetTables.Cell.Of(l.Leases), TargetTables.Cell.Of(l.DaloOrPriority)];

    private sealed class ValuesComparer : IEqualityComparer<IReadOnlyList<string?>>
    {
        public static readonly ValuesComparer Instance = new();

        public bool Equals(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(IReadOnlyList<string?> obj)
        {
            var hash = new HashCode();
            foreach (var v in obj)
            {
                hash.Add(v, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
