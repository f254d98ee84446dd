using Equilibre.Domain.Cotation;
using Equilibre.Features.Cotation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Cotation;

/// <summary>
/// The public page of a territory's grid in force (PPGD publication duty, L441-2-8): readable without an account,
/// with the mutation grid when there is one.
/// </summary>
public sealed class GrilleModel(GetCotationGrid get, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Epci { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public GetCotationGrid.Result? General { get; private set; }

    public GetCotationGrid.Result? Mutation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        General = await get.InForceAsync(Epci, GridScope.General, Date, user, ct);
        Mutation = await get.InForceAsync(Epci, GridScope.Mutation, Date, user, ct);
        return Page();
    }
}
