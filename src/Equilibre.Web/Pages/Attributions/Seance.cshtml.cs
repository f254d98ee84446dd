using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// One CALEOL session: its facts and members, the agenda (each dwelling, its candidates by demand numéro and the
/// decisions so far), a decision form per undecided candidate for the members, the form to add a vacancy whose
/// candidates are designated, closing, and the minutes as a PDF.
/// </summary>
public sealed class SeanceModel(
    GetCaleolSession get, ScheduleVacancy schedule, RecordDecision record, CloseCaleolSession close, ExportCaleolMinutes minutes, CurrentUserAccessor currentUser)
    : AllocationPage(currentUser)
{
    private readonly CurrentUserAccessor _currentUser = currentUser;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public GetCaleolSession.Result? Session { get; private set; }

    /// <summary>The decisions in the order of R441-3 with the code the form posts.</summary>
    public static readonly IReadOnlyList<(string Code, CaleolDecisionKind Kind)> Decisions =
    [
        ("attribution", CaleolDecisionKind.Attribution),
        ("rang", CaleolDecisionKind.AttributionByRank),
        ("condition", CaleolDecisionKind.AttributionUnderCondition),
        ("non_attribution", CaleolDecisionKind.NonAttribution),
        ("irrecevabilite", CaleolDecisionKind.Inadmissibility),
    ];

    protected override async Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        Session = await get.HandleAsync(Id, user, ct);
        return Session is not null;
    }

    public async Task<IActionResult> OnPostDeciderAsync(long candidat, string? decision, int? rang, string? motif, DateOnly? delai, string? piece, int? revision, CancellationToken ct) =>
        await ActAsync(user => Decisions.FirstOrDefault(d => d.Code == decision) is { Code: not null } chosen
            ? record.HandleAsync(new(Id, candidat, chosen.Kind, chosen.Kind == CaleolDecisionKind.AttributionByRank ? rang : null, motif, delai, piece, revision), user, ct)
            : Task.FromResult(AllocationResult.Refused("decision", "choisissez la décision de la commission")), $"/attributions/caleol/{Id}", ct);

    public async Task<IActionResult> OnPostInscrireAsync(long? vacance, CancellationToken ct) =>
        await ActAsync(user => vacance is { } v
            ? schedule.HandleAsync(new(Id, v, null), user, ct)
            : Task.FromResult(AllocationResult.Refused("vacance", "choisissez la vacance à inscrire")), $"/attributions/caleol/{Id}", ct);

    public async Task<IActionResult> OnPostCloreAsync(int? revision, CancellationToken ct) =>
        await ActAsync(user => close.HandleAsync(new(Id, revision), user, ct), $"/attributions/caleol/{Id}", ct);

    public async Task<IActionResult> OnGetPvAsync(CancellationToken ct)
    {
        if (await _currentUser.GetAsync(ct) is not { } user)
        {
            return Challenge();
        }

        return await minutes.HandleAsync(Id, user, ct) is { } pv ? File(pv.Pdf, "application/pdf", pv.FileName) : NotFound();
    }
}
