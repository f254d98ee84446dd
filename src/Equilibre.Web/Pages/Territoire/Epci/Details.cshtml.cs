using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Territoire.Epci;

public sealed class DetailsModel(GetEpci getEpci) : PageModel
{
    public GetEpci.Result? Epci { get; private set; }

    public async Task<IActionResult> OnGetAsync(string siren, CancellationToken ct)
    {
        Epci = await getEpci.HandleAsync(siren, ct);
        return Epci is null ? NotFound() : Page();
    }
}
