using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Territoire;

public sealed class CommuneModel(GetCommune getCommune) : PageModel
{
    public GetCommune.Result? Commune { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Commune = await getCommune.HandleAsync(code, ct);
        return Commune is null ? NotFound() : Page();
    }
}
