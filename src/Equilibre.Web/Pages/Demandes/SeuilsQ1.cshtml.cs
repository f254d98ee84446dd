using Equilibre.Features;
using Equilibre.Features.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>Local recomputation of the first-quartile threshold per EPCI, beside the official threshold of the following year.</summary>
public sealed class SeuilsQ1Model(RecomputeQ1Thresholds recompute, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Annee { get; set; }

    public RecomputeQ1Thresholds.Result? Result { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var current = FrenchTime.Today(clock).Year;
        Years = [.. Enumerable.Range(current - 5, 6).Reverse()];
        Annee = Annee is { } y && Years.Contains(y) ? y : current - 1;
        Result = await recompute.HandleAsync(new RecomputeQ1Thresholds.Request(Annee.Value), user, ct);
        return Page();
    }
}
