using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Reforme;

/// <summary>The "situation au" date and territory shared by the dashboard and the EPCI lists, as query parameters.</summary>
public abstract class ReformFilterPage(TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "date")]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "departement")]
    public string? Departement { get; set; }

    /// <summary>Defaults the date to today in France and turns empty filters into "no filter".</summary>
    protected void NormaliseFilters()
    {
        Date ??= Api.ReformApi.Today(clock);
        Region = string.IsNullOrWhiteSpace(Region) ? null : Region;
        Departement = string.IsNullOrWhiteSpace(Departement) ? null : Departement;
    }

    /// <summary>Query string of the current filters, for links to the lists, the dashboard and the exports.</summary>
    public string Query(string? extra = null) =>
        $"date={Date:yyyy-MM-dd}" + (Region is null ? "" : $"&region={Region}") + (Departement is null ? "" : $"&departement={Departement}") + (extra is null ? "" : "&" + extra);
}
