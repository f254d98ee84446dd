using Equilibre.Domain.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Reforme;

public sealed class IndexModel(
    GetReformSituation situation, GetReformEvolution evolution, ListTerritoryFilters filters, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "date")]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "departement")]
    public string? Departement { get; set; }

    public GetReformSituation.Result? Result { get; private set; }

    public IReadOnlyList<GetReformEvolution.Point> Evolution { get; private set; } = [];

    public ListTerritoryFilters.Result? Filters { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Date ??= Api.ReformApi.Today(clock);
        if (!Request.Query.ContainsKey("region"))
        {
            Region = user?.Scope.RegionCode is { Length: > 0 } r && r != "-" ? r : null;
            Departement ??= user?.Scope.DepartementCode is { Length: > 0 } d && d != "-" && user.Roles.Contains(Roles.ServicesEtat) ? d : null;
        }

        Region = string.IsNullOrWhiteSpace(Region) ? null : Region;
        Departement = string.IsNullOrWhiteSpace(Departement) ? null : Departement;
        CanEdit = user is not null && (user.IsAdministrator || user.Roles.Contains(Roles.ServicesEtat));
        Filters = await filters.HandleAsync(ct);
        Result = await situation.HandleAsync(new GetReformSituation.Request(Date.Value, Region, Departement), ct);
        Evolution = await evolution.HandleAsync(new GetReformEvolution.Request(Date.Value, Region, Departement), ct);
    }

    /// <summary>Query string of the current filters, for links to the lists and exports.</summary>
    public string Query(string? extra = null) =>
        $"date={Date:yyyy-MM-dd}" + (Region is null ? "" : $"&region={Region}") + (Departement is null ? "" : $"&departement={Departement}") + (extra is null ? "" : "&" + extra);
}
