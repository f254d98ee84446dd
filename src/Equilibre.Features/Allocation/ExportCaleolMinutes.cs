using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Documents;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The minutes (procès-verbal) of a CALEOL session as a PDF (<see cref="PdfReport"/>): the session's facts, its members,
/// and for each dwelling examined its candidates with the decision, rank, motive or suspensive condition and who
/// recorded it. Privacy (product.md "Privacy"): candidates appear by their demand numéro and the decision only — no name,
/// resources or household detail, which the minutes do not need and which stay in the demand file.
/// </summary>
public sealed class ExportCaleolMinutes(GetCaleolSession get, TimeProvider clock)
{
    public sealed record Result(byte[] Pdf, string FileName);

    public async Task<Result?> HandleAsync(long id, CurrentUser user, CancellationToken ct = default)
    {
        var s = await get.HandleAsync(id, user, ct);
        if (s is null)
        {
            return null;
        }

        var session = s.Session;
        var now = clock.GetUtcNow();
        using var pdf = new PdfReport(
            French.Format($"Procès-verbal de la CALEOL du {session.Date:dd/MM/yyyy}"),
            $"{s.Bailleur} — commission d'attribution des logements et d'examen de l'occupation des logements (L441-2 CCH)", now);
        pdf.Heading("Séance");
        pdf.Bullets(
        [
            French.Format($"Date : {session.Date:dd/MM/yyyy}"),
            $"Modalité : {CaleolAgenda.Describe(session)}",
            $"Lieu : {session.Place ?? "non précisé"}",
            $"État : {CaleolAgenda.StatusLabel(session.Status)}" + (session.Status == CaleolSessionStatus.Planned ? " (procès-verbal provisoire : séance non close)" : ""),
            French.Format($"Logements examinés : {s.Agenda.Count} ; décisions : {s.Agenda.Sum(a => a.Candidates.Count(c => c.Decision is not null))}"),
        ]);
        pdf.Heading("Membres");
        pdf.Bullets(s.Members.Count == 0 ? ["non renseignés"] : s.Members);
        pdf.Heading("Décisions par logement");
        if (s.Agenda.Count == 0)
        {
            pdf.Paragraph("Aucun logement à l'ordre du jour.");
        }

        foreach (var item in s.Agenda)
        {
            var v = item.Vacancy;
            pdf.Heading(French.Format($"Logement {item.DwellingReference ?? v.DwellingId.ToString(French.Culture)} — T{v.Rooms}, commune {v.CommuneCode} (vacance n° {v.Id})"), 2);
            pdf.Table(
                ["Ordre", "Demande n°", "Désigné par", "Décision", "Rang", "Motif ou condition", "Enregistré par"],
                item.Candidates.Select(c => (IReadOnlyList<string>)
                [
                    c.Candidate.Order.ToString(French.Culture),
                    c.Numero,
                    c.Candidate.DesignatedBy,
                    c.Decision is { } d ? CandidateDecisionWorkflow.Label(d.Kind) : "sans décision",
                    c.Decision?.Kind == CaleolDecisionKind.Attribution ? "1" : c.Decision?.Rank?.ToString(French.Culture) ?? "",
                    c.Decision is { } e ? Detail(e) : "",
                    c.Decision?.DecidedBy ?? "",
                ]).ToList(),
                [38, 95, 80, 80, 32, 100, 70]);
        }

        pdf.Paragraph("Les candidats sont désignés par le numéro unique de leur demande ; les motifs de non-attribution et de rejet pour irrecevabilité sont notifiés aux demandeurs (R441-2-17, L441-2-2). Une attribution sous condition suspensive ne devient effective que si la pièce est produite dans le délai fixé (R441-3 c).", small: true);
        return new Result(pdf.ToBytes(), French.Format($"pv-caleol-{session.Date:yyyy-MM-dd}-{session.Id}.pdf"));
    }

    private static string Detail(CaleolDecisionRecord d) => d.Kind switch
    {
        CaleolDecisionKind.AttributionUnderCondition => French.Format($"pièce manquante : {d.MissingDocument}, à produire au plus tard le {d.ConditionDeadline:dd/MM/yyyy}"),
        CaleolDecisionKind.NonAttribution or CaleolDecisionKind.Inadmissibility => d.Motive ?? "",
        _ => "",
    };
}
