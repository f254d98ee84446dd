using Equilibre.Domain.Applications;
using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The designation of a vacancy: the shortlist (<see cref="GetShortlist"/>: eligible demands ranked by cotation, badges,
/// effect on T1/T2/T3, excluded ones as counts) and the form that designates the checked demands in the chosen order
/// (<see cref="DesignateCandidates"/>). A vacancy outside the user's scope answers 404; the form is shown only to who
/// designates on it. A stale form answers 409 with what changed; refusals and CIA warnings are shown as they come.
/// </summary>
public sealed class DesignationModel(GetShortlist get, DesignateCandidates designate, CurrentUserAccessor currentUser) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    /// <summary>Warnings of the last designation, one per line (TempData keeps strings).</summary>
    [TempData]
    public string? WarningLines { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    /// <summary>Numéros of the checked demands.</summary>
    [BindProperty]
    public List<string> Choisis { get; set; } = [];

    /// <summary>Order wished per numéro (1 = first); empty = the shortlist's rank.</summary>
    [BindProperty]
    public Dictionary<string, int?> Ordre { get; set; } = [];

    /// <summary>Numéros designated by the préfet under DALO.</summary>
    [BindProperty]
    public List<string> PrefetDalo { get; set; } = [];

    [BindProperty]
    public string? Motif { get; set; }

    public GetShortlist.Result? Shortlist { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public IReadOnlyList<string> Warnings => WarningLines is { Length: > 0 } w ? w.Split('\n') : [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is not { } user)
        {
            return Challenge();
        }

        Shortlist = await get.HandleAsync(new GetShortlist.Request(id), user, ct);
        return Shortlist is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is not { } user)
        {
            return Challenge();
        }

        var dalo = PrefetDalo.ToHashSet(StringComparer.Ordinal);
        var choices = Choisis.Distinct(StringComparer.Ordinal)
            .Select((n, i) => (Numero: n, Index: i, Order: Ordre.TryGetValue(n, out var o) && o is { } v ? v : int.MaxValue))
            .OrderBy(c => c.Order).ThenBy(c => c.Index)
            .Select(c => new DesignateCandidates.Choice(c.Numero, dalo.Contains(c.Numero)))
            .ToList();
        var result = await designate.HandleAsync(new DesignateCandidates.Request(id, Revision, choices, Motif), user, ct);
        switch (result.Outcome)
        {
            case AllocationOutcome.Done:
                Message = result.Message;
                WarningLines = result.Warnings.Count > 0 ? string.Join('\n', result.Warnings) : null;
                return RedirectToPage(new { id });
            case AllocationOutcome.NotFound:
                return NotFound();
            case AllocationOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case AllocationOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        Error = result.Message;
        Errors = result.Errors;
        Shortlist = await get.HandleAsync(new GetShortlist.Request(id), user, ct);
        return Shortlist is null ? NotFound() : Page();
    }
}
