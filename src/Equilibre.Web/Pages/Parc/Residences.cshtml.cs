using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Parc;

/// <summary>The résidences of the user's stock, filtered and paged, and the map of their communes.</summary>
public sealed class ResidencesModel(ListResidences list, CurrentUserAccessor currentUser) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "qpv")]
    public string? Qpv { get; set; }

    [BindProperty(SupportsGet = true, Name = "bailleur")]
    public long? Bailleur { get; set; }

    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Tri { get; set; }

    [FromQuery(Name = "page")] // "page" is a route value of Razor Pages: only the query string holds the page number
    public int? NumeroPage { get; set; }

    public ListResidences.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Result = await list.HandleAsync(ParcQuery.Residences(Commune, Qpv, Bailleur, Tri, NumeroPage, PageSize), user, ct);
        return Page();
    }

    public string PageLink(int page) => ParcQuery.PageLink(Request, "/parc/residences", page);
}
