using Equilibre.Features.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration.Imports;

public sealed class DetailsModel(ListImportRuns list) : PageModel
{
    public ImportRun? Run { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Run = await list.GetAsync(id, ct);
        return Run is null ? NotFound() : Page();
    }
}
