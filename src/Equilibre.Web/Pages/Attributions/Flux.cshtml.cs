using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>The flux ledger of a year: one line per convention the user sees, with the Domain's explanation, and the préfet's share check.</summary>
public sealed class FluxModel(GetFluxLedger get, TimeProvider clock, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Annee { get; set; }

    public GetFluxLedger.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Result = await get.HandleAsync(new GetFluxLedger.Request(Annee is >= 2000 and <= 2100 ? Annee.Value : Features.FrenchTime.Today(clock).Year), user, ct);
        return Result.Scope.SeesAnything ? Page() : Forbid();
    }
}
