using Equilibre.Domain.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Territory;

namespace Equilibre.Web.Pages.Reforme;

public sealed class IndexModel(
    GetReformSituation situation, GetReformEvolution evolution, ListTerritoryFilters filters, CurrentUserAccessor currentUser, TimeProvider clock)
    : ReformFilterPage(clock)
{
    public GetReformSituation.Result? Result { get; private set; }

    public IReadOnlyList<GetReformEvolution.Point> Evolution { get; private set; } = [];

    public ListTerritoryFilters.Result? Filters { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (!Request.Query.ContainsKey("region"))
        {
            Region = user?.Scope.RegionCode is { Length: > 0 } r && r != "-" ? r : null;
            Departement ??= user?.Scope.DepartementCode is { Length: > 0 } d && d != "-" && user.Roles.Contains(Roles.ServicesEtat) ? d : null;
        }

        NormaliseFilters();
        CanEdit = user is not null && (user.IsAdministrator || user.Roles.Contains(Roles.ServicesEtat));
        Filters = await filters.HandleAsync(ct);
        Result = await situation.HandleAsync(new GetReformSituation.Request(Date!.Value, Region, Departement), ct);
        Evolution = await evolution.HandleAsync(new GetReformEvolution.Request(Date.Value, Region, Departement), ct);
    }
}
