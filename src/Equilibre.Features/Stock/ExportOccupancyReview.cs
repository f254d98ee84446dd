using System.Text;
using Equilibre.Domain;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Stock;

/// <summary>
/// The examen d'occupation list of <see cref="ListOccupancyReview"/> as a CSV for the CALEOL (UTF-8 with BOM, <c>;</c>,
/// CRLF, French headers, dates JJ/MM/AAAA, decimal comma): one line per dwelling due, in the list's order, with one
/// column per situation of L442-5-2 (oui / non) and the explanations. Same access as the list (personal data).
/// </summary>
public sealed class ExportOccupancyReview(ListOccupancyReview list)
{
    public static readonly string[] Header =
    [
        "identifiant_rpls", "reference_bailleur", "adresse", "code_commune", "commune", "pieces", "surface_habitable", "plafond", "zone_abc",
        "enquete_ops", "personnes", "composition", "revenu_fiscal_reference", "date_signature_bail", "derniere_echeance", "echeance_examen",
        "zone_examen", "a_transmettre_caleol", "sur_occupation", "sous_occupation", "logement_adapte_non_necessaire", "besoin_logement_adapte",
        "ressources_au_dela_plafond", "situations", "indetermine",
    ];

    /// <summary>The list and its CSV; <c>Csv</c> is null when the list was not produced (unknown bailleur, refused).</summary>
    public sealed record Result(ListOccupancyReview.Result List, byte[]? Csv);

    public async Task<Result> HandleAsync(ListOccupancyReview.Request request, CurrentUser user, CancellationToken ct = default)
    {
        var result = await list.HandleAsync(request, user, ct);
        if (result.Outcome != OccupancyReviewOutcome.Listed)
        {
            return new Result(result, null);
        }

        var text = new StringBuilder();
        text.AppendJoin(';', Header).Append("\r\n");
        foreach (var e in result.Entries)
        {
            text.AppendJoin(';', Cells(e).Select(Quote)).Append("\r\n");
        }

        return new Result(result, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())]);
    }

    private static IEnumerable<string> Cells(ListOccupancyReview.Entry e)
    {
        string Has(OccupancyReviewReason reason) => e.Findings.Any(f => f.Reason == reason) ? "oui" : "non";
        return
        [
            e.RplsId, e.LandlordReference ?? "", e.Address, e.CommuneCode, e.CommuneName ?? "", French.Format($"{e.Rooms}"),
            e.HabitableSurface is { } s ? French.Format($"{s:0.##}") : "", e.CeilingFamily, e.AbcZone is { } z ? PliCeilings.Label(z) : "",
            French.Format($"{e.SurveyYear}"), French.Format($"{e.Persons}"), OccupancyProfile.Label(e.HouseholdType),
            e.ReferenceIncome is { } i ? French.Format($"{i:0.##}") : "", French.Format($"{e.LeaseSignedOn:dd/MM/yyyy}"),
            e.LastReviewOn is { } l ? French.Format($"{l:dd/MM/yyyy}") : "", French.Format($"{e.ReviewOn:dd/MM/yyyy}"),
            e.InReviewZone switch { true => "oui", false => "non", null => "inconnue" }, e.SendToCaleol ? "oui" : "non",
            Has(OccupancyReviewReason.Overcrowding), Has(OccupancyReviewReason.UnderOccupation), Has(OccupancyReviewReason.AdaptedDwellingNotNeeded),
            Has(OccupancyReviewReason.AdaptationNeeded), Has(OccupancyReviewReason.ResourcesAboveCeiling),
            string.Join(" | ", e.Findings.Select(f => $"{f.Explanation} ({f.LegalReference})")), string.Join(" | ", e.Undetermined),
        ];
    }

    private static string Quote(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
