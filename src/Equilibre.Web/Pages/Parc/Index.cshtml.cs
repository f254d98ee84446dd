using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Parc;

/// <summary>The stock overview of the user's scope, or of one EPCI of it (the handler scopes it).</summary>
public sealed class IndexModel(GetStockOverview overview, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "epci")]
    public string? Epci { get; set; }

    [BindProperty(SupportsGet = true, Name = "millesime")]
    public int? Millesime { get; set; }

    public GetStockOverview.Result? Overview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Overview = await overview.HandleAsync(new GetStockOverview.Request(Epci, Millesime), user, ct);
        return Page();
    }
}
