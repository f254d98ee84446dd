using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>The vacancies the user sees, with a tab per state and its count, filters and pages; bailleurs declare from here.</summary>
public sealed class IndexModel(ListVacancies list, CurrentUserAccessor currentUser) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? Etat { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "bailleur")]
    public long? Bailleur { get; set; }

    [BindProperty(SupportsGet = true, Name = "reservataire")]
    public long? Reservataire { get; set; }

    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Annee { get; set; }

    [FromQuery(Name = "page")] // "page" is a route value of Razor Pages: only the query string holds the page number
    public int? NumeroPage { get; set; }

    public ListVacancies.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Result = await list.HandleAsync(new ListVacancies.Request(AttributionsText.State(Etat), Commune, Bailleur, Reservataire, Annee, NumeroPage ?? 1, PageSize), user, ct);
        return Result.Scope.SeesAnything ? Page() : Forbid();
    }

    /// <summary>The current filters with one changed (tab or page).</summary>
    public string Link(string? etat, int? page = null)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("etat", etat);
        Add("commune", Commune);
        Add("bailleur", Bailleur?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("reservataire", Reservataire?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("annee", Annee?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("page", page?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/attributions" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
