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

/// <summary>A document or the French reason it was not made (<see cref="Forbidden"/> → HTTP 403, else 404/400).</summary>
public sealed record TargetDocument(byte[]? Content, string FileName, string? Error, bool Forbidden = false, long? RecordId = null);

/// <summary>
/// The annual bilan of the attributions of an EPCI for its CIL (domain.md §5.6, issue 7), as PDF and XLSX: the
/// statutory targets and the CIA engagements for the year, overall, per bailleur, per réservataire, per commune, in
/// and outside QPV and per typology, with bar charts beside their tables, a methodology annex (every definition with
/// its version, source and unconfirmed choices) and a data-quality annex. Each edition is recorded
/// (<see cref="TargetBilanRecord"/>) with the definitions and settings it used and the hash of its leases; editing
/// again "as of" a record applies them instead of today's configuration, so the figures come out identical.
/// Who: the EPCI and territorial State services of the territory, national State services and administrators — a
/// bailleur or a réservataire sees only part of the leases, so it gets its own dashboards and the flux bilan instead.
/// </summary>
public sealed class ExportCilBilan(EquilibreDb db, TargetsSettings settings, QpvRuleSettings qpv, TimeProvider clock)
{
    public const string Kind = "CIL";

    /// <summary>
    /// The bilan of an EPCI for a calendar year. <c>AsOfRecordId</c>: edit again with the definitions and settings of
    /// that recorded edition. <c>Record</c>: record this edition (a new <see cref="TargetBilanRecord"/>); ignored when editing again.
    /// </summary>
    public sealed record Request(string EpciSiren, int Year, long? AsOfRecordId = null, bool Record = true);

    public sealed record Section(string Title, GroupDimension Dimension, TargetReport Report);

    public sealed record Bilan(
        TargetBilanRecord Record, string EpciName, TargetReport Total, IReadOnlyList<Section> Sections, TargetLabels Labels, bool InputChanged, IReadOnlyList<string> Notes);

    public static readonly (string Title, GroupDimension Dimension)[] Breakdowns =
    [
        ("Par bailleur", GroupDimension.Bailleur),
        ("Par réservataire (T3 s'apprécie par flux)", GroupDimension.Reservataire),
        ("Par commune", GroupDimension.Commune),
        ("En QPV et hors QPV", GroupDimension.QpvStatus),
        ("Par typologie", GroupDimension.Typology),
    ];

    /// <summary>The recorded editions of an EPCI's bilans, newest first; empty when the user may not edit them.</summary>
    public async Task<IReadOnlyList<TargetBilanRecord>> EditionsAsync(string epciSiren, CurrentUser user, CancellationToken ct = default)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        if (!MayEdit(scope, epciSiren))
        {
            return [];
        }

        var records = await db.TargetBilans.AsNoTracking().Where(r => r.Kind == Kind && r.EpciSiren == epciSiren).ToListAsync(ct);
        return [.. records.OrderByDescending(r => r.GeneratedAt).ThenByDescending(r => r.Id)];
    }

    private static bool MayEdit(AllocationScope scope, string epciSiren) =>
        scope.Kind == AllocationScopeKind.Everything
        || (scope.Kind == AllocationScopeKind.Territory && (scope.Territory.EpciSiren is null || scope.Territory.EpciSiren == epciSiren));

    public async Task<(Bilan? Bilan, TargetDocument? Refusal)> ComputeAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var name = FileName(request, "pdf");
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        if (!MayEdit(scope, request.EpciSiren))
        {
            return (null, new TargetDocument(null, name,
                "Le bilan annuel de la CIL est établi pour l'EPCI : il est réservé à l'EPCI, aux services de l'État du territoire et aux administrateurs (un bailleur ou un réservataire dispose de ses tableaux de bord et du bilan de flux).", Forbidden: true));
        }

        var epci = await db.Epcis.AsNoTracking().Where(e => e.Siren == request.EpciSiren).Select(e => e.Name).FirstOrDefaultAsync(ct);
        if (epci is null)
        {
            return (null, new TargetDocument(null, name, $"EPCI « {request.EpciSiren} » introuvable dans le référentiel territorial."));
        }

        TargetBilanRecord? stored = null;
        if (request.AsOfRecordId is { } id)
        {
            stored = await db.TargetBilans.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Kind == Kind && r.EpciSiren == request.EpciSiren && r.Year == request.Year, ct);
            if (stored is null)
            {
                return (null, new TargetDocument(null, name, French.Format($"bilan n° {id} introuvable pour l'EPCI {request.EpciSiren} et l'année {request.Year}")));
            }
        }

        var definitions = stored is null ? settings.Definitions(request.EpciSiren) : BilanJson.Definitions(stored.DefinitionsJson);
        var bilanSettings = stored is null
            ? BilanSettings.From(await TargetsQuery.SettingsAsync(db, settings, qpv, ct), request.EpciSiren)
            : BilanJson.Settings(stored.SettingsJson);
        var engine = bilanSettings.ToEngine();
        var period = TargetPeriod.Year(request.Year);
        var facts = await TargetsQuery.Leases(db, scope, new TargetFilter(request.EpciSiren)).SignedBetween(period.From, period.To).ToFactsAsync(db, ct);
        var hash = BilanJson.Hash(facts);
        var total = TargetEngine.Compute(facts, definitions, TargetGrouping.None, period, engine);
        var sections = Breakdowns.Select(b => new Section(b.Title, b.Dimension, TargetEngine.Compute(facts, definitions, TargetGrouping.By(b.Dimension), period, engine))).ToList();
        var labels = await TargetsQuery.LabelsAsync(db, facts, ct);
        var record = stored ?? new TargetBilanRecord
        {
            Kind = Kind,
            Year = request.Year,
            EpciSiren = request.EpciSiren,
            Versions = string.Join(", ", total.Definitions.Select(d => d.RuleVersion)),
            DefinitionsJson = BilanJson.Definitions([.. definitions]),
            SettingsJson = BilanJson.Settings(bilanSettings),
            InputHash = hash,
            Leases = facts.Count,
            GeneratedAt = clock.GetUtcNow(),
            GeneratedBy = user.DisplayName,
        };
        if (stored is null && request.Record)
        {
            db.TargetBilans.Add(record);
            await db.SaveChangesAsync(ct);
        }

        var notes = new List<string>();
        if (stored is not null)
        {
            notes.Add(French.Format($"nouvelle édition du bilan n° {stored.Id} du {FrenchTime.InFrance(stored.GeneratedAt):dd/MM/yyyy HH:mm}, avec ses définitions ({stored.Versions}) et ses paramètres enregistrés"));
            notes.Add(stored.InputHash == hash
                ? "les baux lus sont identiques à ceux de l'édition d'origine (même empreinte) : les chiffres sont identiques"
                : French.Format($"des baux ont été corrigés ou ajoutés depuis l'édition d'origine ({stored.Leases} baux lus alors, {facts.Count} aujourd'hui ; empreintes différentes) : les écarts viennent des données, pas des règles"));
        }

        if (definitions.Any(d => CiaCatalogue.Find(d.Id) is not null))
        {
            notes.Add(TargetsSettings.CiaNotice);
        }

        if (facts.Count == 0)
        {
            notes.Add("aucun bail signé enregistré pour l'EPCI et l'année : tous les taux sont sans objet");
        }

        return (new Bilan(record, epci, total, sections, labels, stored is not null && stored.InputHash != hash, notes), null);
    }

    public async Task<TargetDocument> PdfAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        var (bilan, refusal) = await ComputeAsync(request, user, ct);
        if (bilan is null)
        {
            return refusal!;
        }

        var r = bilan.Record;
        using var pdf = new PdfReport(French.Format($"Bilan annuel des attributions {request.Year} — {bilan.EpciName}"),
            French.Format($"Conférence intercommunale du logement de l'EPCI {request.EpciSiren}. Attributions suivies de baux signés du 01/01/{request.Year} au 31/12/{request.Year}. Bilan n° {(r.Id == 0 ? "non enregistré" : r.Id.ToString(CultureInfo.InvariantCulture))}, définitions {r.Versions}."),
            clock.GetUtcNow());
        pdf.Heading("Synthèse");
        var totalGroup = bilan.Total.Groups[0];
        pdf.Table(["Indicateur", "Numérateur", "Dénominateur", "Taux", "Seuil", "Atteint", "Exclues"],
            totalGroup.Indicators.Select(i => Short(i.RuleVersion + " — " + i.Definition.Label, i)), [4, 1.2, 1.3, 1, 1, 1, 1], new HashSet<int> { 1, 2, 3, 4, 6 });
        pdf.Bars("Taux de l'EPCI par indicateur", [.. totalGroup.Indicators.Select(i => (i.RuleVersion, i.Rate, (decimal?)i.Threshold, $"{i.RateText} (seuil {IndicatorResult.Percent(i.Threshold)})"))]);
        pdf.Paragraph("Qualité des données de l'année : " + string.Join(" ; ", totalGroup.Quality.Lines) + ".", small: true);
        if (bilan.Notes.Count > 0)
        {
            pdf.Bullets(bilan.Notes, small: true);
        }

        foreach (var section in bilan.Sections)
        {
            pdf.Heading(section.Title);
            if (section.Report.Groups.Count == 0)
            {
                pdf.Paragraph("Aucun bail signé.");
                continue;
            }

            pdf.Table([GroupKey.DimensionLabel(section.Dimension), "Indicateur", "Num.", "Dén.", "Taux", "Seuil", "Atteint", "Excl."],
                section.Report.Groups.SelectMany(g => g.Indicators.Select(i => (IReadOnlyList<string>)[bilan.Labels.Of(section.Dimension, g.Key.Values[0]), .. Short(i.RuleVersion, i)])),
                [3.2, 1.3, 0.9, 0.9, 1, 0.9, 1.1, 0.8], new HashSet<int> { 2, 3, 4, 5, 7 });
            if (section.Dimension is GroupDimension.Bailleur or GroupDimension.QpvStatus)
            {
                var firstStatutory = bilan.Total.Definitions.FirstOrDefault(d => d.Id == "T1") ?? bilan.Total.Definitions[0];
                pdf.Bars($"{firstStatutory.RuleVersion} — {section.Title.ToLower(French.Culture)}",
                    [.. section.Report.Groups.Select(g => (bilan.Labels.Of(section.Dimension, g.Key.Values[0]), g[firstStatutory.Id]!.Rate, (decimal?)g[firstStatutory.Id]!.Threshold, g[firstStatutory.Id]!.RateText))]);
            }
        }

        pdf.Heading("Annexe A — Méthode et définitions");
        pdf.Bullets(bilan.Total.Method, small: true);
        pdf.Table(["Définition", "Validité", "Seuil et source", "Source de la règle"],
            bilan.Total.Definitions.Select(d => (IReadOnlyList<string>)[d.RuleVersion + " — " + d.Label,
                French.Format($"depuis le {d.ValidFrom:dd/MM/yyyy}") + (d.ValidTo is { } to ? French.Format($" jusqu'au {to:dd/MM/yyyy}") : ""),
                IndicatorResult.Percent(d.Threshold) + " : " + d.ThresholdSource, d.Source]), [2, 1, 2.5, 3]);
        pdf.Heading("Annexe B — Qualité des données");
        pdf.Paragraph("Chaque chiffre du bilan se lit avec ces comptes : un bail aux ressources inconnues reste au dénominateur des indicateurs du premier quartile sans jamais compter au numérateur ; un logement sans statut QPV est exclu de T1 et T2 ; un réservataire inconnu exclut le bail de T3.", small: true);
        var byBailleur = bilan.Sections.First(s => s.Dimension == GroupDimension.Bailleur).Report;
        pdf.Table(["Bailleur", "Baux", "Ressources inconnues", "Sans seuil", "Réservataire inconnu", "Sans statut QPV", "En QPV / hors QPV"],
            byBailleur.Groups.Select(g => Quality(bilan.Labels.Of(GroupDimension.Bailleur, g.Key.Values[0]), g.Quality)).Append(Quality("Ensemble", totalGroup.Quality)),
            [3, 1, 1.3, 1, 1.3, 1.2, 1.5], new HashSet<int> { 1, 2, 3, 4, 5 });
        pdf.Heading("Annexe C — Reproductibilité");
        pdf.Bullets(Reproducibility(bilan), small: true);
        return new TargetDocument(pdf.ToBytes(), FileName(request, "pdf"), null, RecordId: r.Id == 0 ? null : r.Id);
    }

    public async Task<TargetDocument> XlsxAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        var (bilan, refusal) = await ComputeAsync(request, user, ct);
        if (bilan is null)
        {
            return refusal! with { FileName = FileName(request, "xlsx") };
        }

        using var workbook = new XLWorkbook();
        TargetTables.Sheet(workbook, "Synthèse", TargetTables.Header, TargetTables.Rows(bilan.Total, bilan.Labels));
        foreach (var section in bilan.Sections)
        {
            TargetTables.Sheet(workbook, SheetName(section.Dimension), TargetTables.Header, TargetTables.Rows(section.Report, bilan.Labels));
        }

        TargetTables.Lines(workbook, "Méthode", [.. bilan.Notes, .. bilan.Total.Method,
            .. bilan.Total.Definitions.Select(d => $"{d.RuleVersion} — {d.Label} : {d.Source} ; seuil {IndicatorResult.Percent(d.Threshold)} ({d.ThresholdSource})")]);
        TargetTables.Lines(workbook, "Reproductibilité", Reproducibility(bilan));
        return new TargetDocument(TargetTables.Save(workbook), FileName(request, "xlsx"), null, RecordId: bilan.Record.Id == 0 ? null : bilan.Record.Id);
    }

    public static string FileName(Request request, string extension)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(CultureInfo.InvariantCulture, $"bilan-cil-{request.EpciSiren}-{request.Year}.{extension}");
    }

    private static string SheetName(GroupDimension dimension) => dimension switch
    {
        GroupDimension.Bailleur => "Par bailleur",
        GroupDimension.Reservataire => "Par réservataire",
        GroupDimension.Commune => "Par commune",
        GroupDimension.QpvStatus => "QPV et hors QPV",
        GroupDimension.Typology => "Par typologie",
        _ => GroupKey.DimensionLabel(dimension),
    };

    private static IReadOnlyList<string> Short(string label, IndicatorResult i) =>
    [
        label, i.Numerator.ToString("N0", French.Culture), i.Denominator.ToString("N0", French.Culture), i.RateText, IndicatorResult.Percent(i.Threshold),
        i.Met switch { null => "sans objet", true => "oui", false => "non" }, i.Excluded.ToString("N0", French.Culture),
    ];

    private static IReadOnlyList<string> Quality(string label, DataQuality q) =>
    [
        label, q.Leases.ToString("N0", French.Culture), q.UnknownResources.ToString("N0", French.Culture), q.NoThreshold.ToString("N0", French.Culture),
        q.UnknownReservataire.ToString("N0", French.Culture), q.UnknownQpv.ToString("N0", French.Culture),
        French.Format($"{q.InQpv} / {q.OutsideQpv}"),
    ];

    private static List<string> Reproducibility(Bilan bilan)
    {
        var r = bilan.Record;
        var s = BilanJson.Settings(r.SettingsJson);
        return
        [
            r.Id == 0 ? "édition non enregistrée" : French.Format($"bilan n° {r.Id}, édité le {FrenchTime.InFrance(r.GeneratedAt):dd/MM/yyyy HH:mm} par {r.GeneratedBy}"),
            $"définitions appliquées : {r.Versions} (enregistrées avec toutes leurs règles)",
            French.Format($"seuils du premier quartile enregistrés : {string.Join(", ", s.Thresholds.Select(t => French.Format($"{t.Year} : {t.AmountPerUcPerYear:N0} €/UC/an")))}"),
            $"année du seuil : {s.Q1Year.Source}",
            French.Format($"empreinte SHA-256 des {r.Leases} baux lus : {r.InputHash}"),
            "une nouvelle édition « à l'identique » applique ces définitions et ces paramètres, quel que soit le paramétrage du jour ; les baux étant figés à la signature, les chiffres sont identiques tant que l'empreinte l'est",
        ];
    }
}
