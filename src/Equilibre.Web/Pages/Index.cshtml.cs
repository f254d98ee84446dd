using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages;

public sealed class IndexModel(CurrentUserAccessor currentUser, GetHomeOverview overview) : PageModel
{
    public new CurrentUser? User { get; private set; }

    /// <summary>Null for an applicant (no organisation territory).</summary>
    public GetHomeOverview.Result? Overview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        User = await currentUser.GetAsync(ct);
        if (User is null)
        {
            return Challenge();
        }

        if (User.Roles.Any(r => r != Roles.Demandeur))
        {
            Overview = await overview.HandleAsync(User, ct);
        }

        return Page();
    }
}
