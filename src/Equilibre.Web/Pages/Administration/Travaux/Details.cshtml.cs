using Equilibre.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration.Travaux;

public sealed class DetailsModel(BackgroundJobs jobs) : PageModel
{
    public JobStatus? Job { get; private set; }

    public IActionResult OnGet(Guid id)
    {
        Job = jobs.Get(id);
        return Job is null ? NotFound() : Page();
    }
}
