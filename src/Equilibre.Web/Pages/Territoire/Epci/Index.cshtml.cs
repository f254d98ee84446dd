using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Territoire.Epci;

public sealed class IndexModel(ListEpcis listEpcis, ListTerritoryFilters filters) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Departement { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Reforme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Recherche { get; set; }

    public ListTerritoryFilters.Result? Filters { get; private set; }

    public ListEpcis.Result? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Region = string.IsNullOrWhiteSpace(Region) ? null : Region;
        Departement = string.IsNullOrWhiteSpace(Departement) ? null : Departement;
        Filters = await filters.HandleAsync(ct);
        Result = await listEpcis.HandleAsync(new ListEpcis.Request(Region, Departement, Reforme, Recherche), ct);
    }
}
