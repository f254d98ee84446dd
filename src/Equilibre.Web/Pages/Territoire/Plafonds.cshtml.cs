using Equilibre.Features.Eligibility;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Territoire;

public sealed class PlafondsModel(ListResourceCeilings list) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Annee { get; set; }

    public ListResourceCeilings.Result? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Result = await list.HandleAsync(Annee, ct);
}
