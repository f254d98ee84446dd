using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Parc;

/// <summary>The dwellings of the user's stock, filtered by query string and paged by 50 (the handler scopes them).</summary>
public sealed class LogementsModel(ListDwellings list, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "millesime")]
    public int? Millesime { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "residence")]
    public long? Residence { get; set; }

    [BindProperty(SupportsGet = true, Name = "typologie")]
    public string? Typologie { get; set; }

    [BindProperty(SupportsGet = true, Name = "financement")]
    public string? Financement { get; set; }

    [BindProperty(SupportsGet = true, Name = "qpv")]
    public string? Qpv { get; set; }

    [BindProperty(SupportsGet = true, Name = "occupation")]
    public string? Occupation { get; set; }

    [BindProperty(SupportsGet = true, Name = "loyerMin")]
    public decimal? LoyerMin { get; set; }

    [BindProperty(SupportsGet = true, Name = "loyerMax")]
    public decimal? LoyerMax { get; set; }

    [BindProperty(SupportsGet = true, Name = "dpe")]
    public string? Dpe { get; set; }

    [BindProperty(SupportsGet = true, Name = "adapte")]
    public string? Adapte { get; set; }

    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Tri { get; set; }

    [FromQuery(Name = "page")] // "page" is a route value of Razor Pages: only the query string holds the page number
    public int? NumeroPage { get; set; }

    public ListDwellings.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Result = await list.HandleAsync(ParcQuery.Dwellings(Millesime, Commune, Residence, Typologie, Financement, Qpv, Occupation, LoyerMin, LoyerMax, Dpe, Adapte, Tri, NumeroPage, ListDwellings.DefaultPageSize), user, ct);
        return Page();
    }

    public string PageLink(int page) => ParcQuery.PageLink(Request, "/parc/logements", page);
}
