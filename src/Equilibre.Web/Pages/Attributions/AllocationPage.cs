using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// What the CALEOL, offer and lease pages share: after an action, a success redirects with its message; a 404 or 403
/// answers as such; a refusal or a conflict shows the page again with the French reason (a conflict says what changed).
/// </summary>
public abstract class AllocationPage(CurrentUserAccessor currentUser) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public bool IsConflict { get; private set; }

    /// <summary>The field errors of a refusal, each naming its field (shown under the reason when there are several).</summary>
    public IReadOnlyList<Equilibre.Domain.Applications.FieldError> Errors { get; private set; } = [];

    /// <summary>Loads the page's data for the user; false when the record is outside their scope.</summary>
    protected abstract Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct);

    /// <summary>Set by <see cref="LoadAsync"/> when the page itself is not for the user (403) rather than the record outside their scope (404).</summary>
    protected bool NotForUser { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await currentUser.GetAsync(ct) is not { } user ? Challenge() : await LoadAsync(user, ct) ? Page() : Missing();

    private IActionResult Missing() => NotForUser ? Forbid() : NotFound();

    protected Task<IActionResult> ActAsync(Func<Features.Organisations.CurrentUser, Task<AllocationResult>> act, string redirect, CancellationToken ct) =>
        ActAsync(act, _ => redirect, ct);

    /// <summary>Runs the action; on success redirects to the page <paramref name="redirect"/> names from the created or changed record's id.</summary>
    protected async Task<IActionResult> ActAsync(Func<Features.Organisations.CurrentUser, Task<AllocationResult>> act, Func<long?, string> redirect, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is not { } user)
        {
            return Challenge();
        }

        var result = await act(user);
        switch (result.Outcome)
        {
            case AllocationOutcome.Done:
                Message = Format.Sentence(result.Message) + (result.Warnings.Count > 0 ? " " + string.Join(" ", result.Warnings.Select(Format.Sentence)) : "");
                return Redirect(redirect(result.Id));
            case AllocationOutcome.NotFound:
                return NotFound();
            case AllocationOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Error = Format.Sentence(result.Message);
                return await LoadAsync(user, ct) ? Page() : Missing();
            default:
                IsConflict = result.Outcome == AllocationOutcome.Conflict;
                Error = Format.Sentence(result.Message);
                Errors = result.Errors;
                if (IsConflict)
                {
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }

                return await LoadAsync(user, ct) ? Page() : Missing();
        }
    }

    protected static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
