using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>The demands of the user's territory, searched and paged by query string (the handler scopes them).</summary>
public sealed class IndexModel(SearchDemands search, CurrentUserAccessor currentUser) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "texte")]
    public string? Texte { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "epci")]
    public string? Epci { get; set; }

    [BindProperty(SupportsGet = true, Name = "typologie")]
    public string? Typologie { get; set; }

    /// <summary>actif (default), radie or tous.</summary>
    [BindProperty(SupportsGet = true, Name = "statut")]
    public string? Statut { get; set; }

    [BindProperty(SupportsGet = true, Name = "q1")]
    public string? Q1 { get; set; }

    [BindProperty(SupportsGet = true, Name = "prioritaire")]
    public string? Prioritaire { get; set; }

    [BindProperty(SupportsGet = true, Name = "mutation")]
    public string? Mutation { get; set; }

    [BindProperty(SupportsGet = true, Name = "dalo")]
    public string? Dalo { get; set; }

    /// <summary>anciennete (default), nom, numero or echeance.</summary>
    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Tri { get; set; }

    [FromQuery(Name = "page")] // "page" is a route value of Razor Pages: only the query string holds the page number
    public int? NumeroPage { get; set; }

    public SearchDemands.Result Result { get; private set; } = new([], 0, 1, PageSize);

    public bool CanRegister { get; private set; }

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string> { ["actif"] = "actives", ["radie"] = "radiées", ["tous"] = "toutes" };

    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>
    {
        ["anciennete"] = "ancienneté (la plus ancienne d'abord)",
        ["nom"] = "nom du demandeur",
        ["numero"] = "numéro unique",
        ["echeance"] = "échéance (la plus proche d'abord)",
        ["note"] = "note de cotation (la plus haute d'abord)",
    };

    public static readonly IReadOnlyDictionary<string, string> YesNo = new Dictionary<string, string> { ["oui"] = "oui", ["non"] = "non" };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        CanRegister = DemandAccess.CanWrite(user);
        Result = await search.HandleAsync(ToRequest(this), user, ct);
        return Page();
    }

    /// <summary>The handler's request from the query string parameters the list and the API share.</summary>
    public static SearchDemands.Request ToRequest(IndexModel q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return BuildRequest(q.Texte, q.Commune, q.Epci, q.Typologie, q.Statut, q.Q1, q.Prioritaire, q.Mutation, q.Dalo, q.Tri, q.NumeroPage, PageSize);
    }

    public static SearchDemands.Request BuildRequest(
        string? texte, string? commune, string? epci, string? typologie, string? statut, string? q1, string? prioritaire, string? mutation, string? dalo,
        string? tri, int? page, int pageSize) => new(
        Empty(texte), Empty(commune), Empty(epci), Empty(typologie),
        statut switch
        {
            "radie" => DemandStatus.Radiated,
            "tous" => null,
            _ => DemandStatus.Active,
        },
        Flag(q1), Flag(prioritaire), Flag(mutation), Flag(dalo),
        tri switch
        {
            "nom" => SearchDemands.Sort.Name,
            "numero" => SearchDemands.Sort.Numero,
            "echeance" => SearchDemands.Sort.Expiry,
            "note" => SearchDemands.Sort.Score,
            _ => SearchDemands.Sort.Seniority,
        },
        Math.Max(1, page ?? 1), pageSize);

    /// <summary>The current query string with another page number.</summary>
    public string PageLink(int page)
    {
        var query = Request.Query.Where(p => p.Key != "page").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/demandes?" + string.Join('&', query);
    }

    private static bool? Flag(string? value) => value switch
    {
        "oui" => true,
        "non" => false,
        _ => null,
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
