using Equilibre.Features.Allocation;
using Equilibre.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>The signed leases the user sees, with the facts frozen at signature that the targets count, filtered and paged.</summary>
public sealed class BauxModel(ListLeases list, CurrentUserAccessor currentUser) : AllocationPage(currentUser)
{
    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Annee { get; set; }

    [BindProperty(SupportsGet = true, Name = "flux")]
    public string? Flux { get; set; }

    [FromQuery(Name = "page")] // "page" is a route value of Razor Pages: only the query string holds the page number
    public int? NumeroPage { get; set; }

    public ListLeases.Result? Result { get; private set; }

    protected override async Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        Result = await list.HandleAsync(new(Annee, Flux: AttributionsCaleolApi.ParseFlux(Flux), Page: NumeroPage ?? 1), user, ct);
        return true;
    }

    public string PageLink(int page) => $"/attributions/baux?annee={Annee}&flux={Flux}&page={page}";
}
