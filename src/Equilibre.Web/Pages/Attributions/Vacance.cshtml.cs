using Equilibre.Domain.Applications;
using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// One vacancy: its facts, the proposal of the flux and its reason, the orientation form for the bailleur (confirm, or
/// another convention or keeping it with a motive; the revision read travels with the form), the timeline and the
/// read-only lists of candidates, offers and lease, with links to the designation and offers pages.
/// </summary>
public sealed class VacanceModel(GetVacancy get, OrientVacancy orient, CurrentUserAccessor currentUser) : PageModel
{
    /// <summary>The value of the "keep for the bailleur" choice.</summary>
    public const string Keep = "bailleur";

    [BindProperty]
    public int Revision { get; set; }

    [BindProperty]
    public string? Choix { get; set; }

    [BindProperty]
    public string? Motif { get; set; }

    public GetVacancy.Result? Vacancy { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Vacancy = await get.HandleAsync(new GetVacancy.Request(id), user, ct);
        if (Vacancy is null)
        {
            return NotFound();
        }

        Revision = Vacancy.Vacancy.Revision;
        Choix = Vacancy.Vacancy.ProposedConventionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Keep;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        long? convention = Choix == Keep || string.IsNullOrEmpty(Choix) ? null
            : long.TryParse(Choix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : -1;
        var result = await orient.HandleAsync(new OrientVacancy.Request(id, Revision, convention, Motif), user, ct);
        if (result.Succeeded)
        {
            Message = Format.Sentence(result.Message);
            return Redirect($"/attributions/vacance/{id}");
        }

        Vacancy = await get.HandleAsync(new GetVacancy.Request(id), user, ct);
        if (Vacancy is null || result.Outcome == AllocationOutcome.NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = result.Outcome switch
        {
            AllocationOutcome.Forbidden => StatusCodes.Status403Forbidden,
            AllocationOutcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        Error = result.Message;
        Errors = result.Errors;
        if (result.Outcome == AllocationOutcome.Conflict)
        {
            // The form now shows the current state: the user decides again on what is.
            ModelState.Clear();
            Revision = Vacancy.Vacancy.Revision;
        }

        return Page();
    }
}
