using Equilibre.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Organisations;

public sealed class IndexModel(CurrentUserAccessor currentUser, ListOrganisations list) : PageModel
{
    public new CurrentUser? User { get; private set; }

    public IReadOnlyList<ListOrganisations.Item> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        User = await currentUser.GetAsync(ct);
        if (User is null)
        {
            return Challenge();
        }

        Items = await list.HandleAsync(User, ct);
        return Page();
    }
}
