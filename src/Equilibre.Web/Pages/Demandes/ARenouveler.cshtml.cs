using Equilibre.Features.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>The renewal routine: demands due within a month (notice sent or to send) and expired demands to radiate.</summary>
public sealed class ARenouvelerModel(
    ListRenewalsDue list, RecordRenewalNotices notices, RadiateExpiredDemands radiate, CurrentUserAccessor currentUser) : PageModel
{
    public ListRenewalsDue.Result? Result { get; private set; }

    public bool CanWrite { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Page of the demands due within the month (query <c>echeance</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "echeance")]
    public int DuePage { get; set; } = 1;

    /// <summary>Page of the expired demands (query <c>expirees</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "expirees")]
    public int ExpiredPage { get; set; } = 1;

    /// <summary>This page with one list moved to another page, the other list's page kept.</summary>
    public string PageLink(int? due = null, int? expired = null) =>
        $"/demandes/a-renouveler?echeance={due ?? Result!.Due.Page}&expirees={expired ?? Result!.Expired.Page}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        CanWrite = DemandAccess.CanWrite(user);
        Result = await list.HandleAsync(new ListRenewalsDue.Request(DuePage, ExpiredPage), user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAvisAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !DemandAccess.CanWrite(user))
        {
            return Forbid();
        }

        var count = await notices.HandleAsync(null, user, ct);
        Message = $"Envoi de l'avis de renouvellement enregistré pour {count} demande(s).";
        return Redirect("/demandes/a-renouveler");
    }

    public async Task<IActionResult> OnPostRadierAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !DemandAccess.CanWrite(user))
        {
            return Forbid();
        }

        var count = await radiate.HandleAsync(user, ct);
        Message = $"{count} demande(s) expirée(s) radiée(s) pour non-renouvellement.";
        return Redirect("/demandes/a-renouveler");
    }
}
