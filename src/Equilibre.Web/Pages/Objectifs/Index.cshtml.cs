using Equilibre.Features;
using Equilibre.Features.Targets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Objectifs;

/// <summary>The targets dashboard of the user's scope (<see cref="GetTargetsDashboard"/>), per view, period, filters and breakdown.</summary>
public sealed class IndexModel(GetTargetsDashboard dashboard, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    public ObjectifsQuery Query { get; private set; } = ObjectifsQuery.From(new QueryCollection());

    public GetTargetsDashboard.Result? Dashboard { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Query = ObjectifsQuery.From(Request.Query);
        var request = Query.ToRequest(FrenchTime.Today(clock), out var error);
        if (request is null)
        {
            Error = error;
            return Page();
        }

        Dashboard = await dashboard.HandleAsync(request, user, ct);
        return Page();
    }
}
