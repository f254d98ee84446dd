using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Parc;

/// <summary>
/// One dwelling: facts of a millésime, history, QPV today and the eligibility panel; an optional household (query
/// string) is checked against its ceiling. A dwelling outside the user's stock answers 404, like an unknown one.
/// </summary>
public sealed class LogementModel(GetDwelling get, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "millesime")]
    public int? Millesime { get; set; }

    [BindProperty(SupportsGet = true, Name = "personnes")]
    public int? Personnes { get; set; }

    [BindProperty(SupportsGet = true, Name = "aCharge")]
    public int? ACharge { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeuneMenage")]
    public bool JeuneMenage { get; set; }

    [BindProperty(SupportsGet = true, Name = "handicap")]
    public bool Handicap { get; set; }

    [BindProperty(SupportsGet = true, Name = "revenu")]
    public decimal? Revenu { get; set; }

    public GetDwelling.Result? Dwelling { get; private set; }

    public string? CheckError { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        (var household, CheckError) = Household(Personnes, ACharge, JeuneMenage, Handicap, Revenu);
        Dwelling = await get.HandleAsync(new GetDwelling.Request(id, Millesime, household), user, ct);
        return Dwelling is null ? NotFound() : Page();
    }

    /// <summary>The household to check, or the French reason it cannot be (nothing asked → neither).</summary>
    public static (GetDwelling.HouseholdCheck? Household, string? Error) Household(int? persons, int? dependants, bool youngCouple, bool disabled, decimal? income)
    {
        if (persons is null && income is null)
        {
            return (null, null);
        }

        if (persons is not (>= 1 and <= 20))
        {
            return (null, "Nombre de personnes : entier de 1 à 20.");
        }

        var d = dependants ?? 0;
        if (d < 0 || d >= persons)
        {
            return (null, "Personnes à charge : de 0 au nombre de personnes moins une.");
        }

        if (income is not (>= 0))
        {
            return (null, "Revenu fiscal de référence : montant en euros, positif ou nul.");
        }

        return (new GetDwelling.HouseholdCheck(persons.Value, d, youngCouple && persons == 2 && d == 0, disabled, income.Value), null);
    }
}
