using Equilibre.Domain.Cotation;
using Equilibre.Features.Cotation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Cotation;

/// <summary>A territory's cotation grids: versions, the one in force, and for the EPCI a new draft from a sample or a version.</summary>
public sealed class IndexModel(ListCotationGrids list, CreateCotationDraft create, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Epci { get; set; }

    public ListCotationGrids.Result? Grids { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Epci ??= user?.Scope.EpciSiren;
        Grids = Epci is null ? null : await list.HandleAsync(Epci, user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? depart, GridScope portee, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || Epci is null)
        {
            return Challenge();
        }

        var result = await create.HandleAsync(new CreateCotationDraft.Request(Epci, portee, depart ?? "vide"), user, ct);
        if (result.Succeeded)
        {
            return Redirect($"/cotation/brouillon/{result.GridId}");
        }

        if (result.Outcome == GridOutcome.Forbidden)
        {
            return Forbid();
        }

        Error = result.Message;
        Grids = await list.HandleAsync(Epci, user, ct);
        return Page();
    }
}
