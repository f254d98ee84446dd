using Equilibre.Features;
using Equilibre.Features.Targets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Objectifs;

/// <summary>The leases behind one figure of the dashboard (<see cref="GetTargetLeases"/>), paged.</summary>
public sealed class BauxModel(GetTargetLeases leases, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    public ObjectifsQuery Query { get; private set; } = ObjectifsQuery.From(new QueryCollection());

    public GetTargetLeases.Result? Result { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] int? page, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Query = ObjectifsQuery.From(Request.Query);
        var request = ToRequest(Query, Request.Query, FrenchTime.Today(clock), page ?? 1, out var error);
        if (request is null)
        {
            Error = error;
            return Page();
        }

        Result = await leases.HandleAsync(request, user, ct);
        Error = Result.Error;
        return Page();
    }

    /// <summary>This drill-down at another page.</summary>
    public string PageLink(int page) =>
        "/objectifs/baux?" + string.Join("&", Request.Query.Where(p => p.Key != "page").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}"))
        + "&page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The drill-down request from the query (<c>indicateur</c>, <c>partie</c>, <c>groupes</c>, <c>valeurs</c>); shared with the API.</summary>
    public static GetTargetLeases.Request? ToRequest(ObjectifsQuery query, IQueryCollection raw, DateOnly today, int page, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(raw);
        var dimensions = query.Dimensions(out error) ?? [];
        var period = error is null ? query.Period(today, out error) : null;
        var part = ObjectifsQuery.Part(raw["partie"].FirstOrDefault());
        var indicator = raw["indicateur"].FirstOrDefault();
        if (period is null)
        {
            return null;
        }

        if (part is null || string.IsNullOrWhiteSpace(indicator))
        {
            error = "indiquez l'indicateur (indicateur=T1…) et la partie (partie=numerateur, denominateur ou exclues)";
            return null;
        }

        var values = ObjectifsQuery.Values(raw["valeurs"].FirstOrDefault(), dimensions.Count);
        return new GetTargetLeases.Request(period, query.Filter, indicator, part.Value, dimensions, values, page);
    }
}
