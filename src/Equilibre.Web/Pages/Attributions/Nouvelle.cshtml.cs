using Equilibre.Domain.Applications;
using Equilibre.Features.Allocation;
using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The bailleur declares a vacancy: one of its dwellings by its RPLS identifier, or picked from a short search of its
/// stock (commune, typology). On success, the vacancy page with the proposal of the flux.
/// </summary>
public sealed class NouvelleModel(DeclareVacancy declare, ListDwellings dwellings, ListVacancies vacancies, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "typologie")]
    public int? Typologie { get; set; }

    [BindProperty]
    public string? Rpls { get; set; }

    [BindProperty]
    public long? Logement { get; set; }

    [BindProperty]
    public DateOnly? DisponibleLe { get; set; }

    public ListDwellings.Result? Search { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refusal)
        {
            return refusal;
        }

        var result = await declare.HandleAsync(new DeclareVacancy.Request(Logement, Rpls, DisponibleLe), (await currentUser.GetAsync(ct))!, ct);
        switch (result.Outcome)
        {
            case AllocationOutcome.Done:
                return Redirect($"/attributions/vacance/{result.Id}");
            case AllocationOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case AllocationOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case AllocationOutcome.NotFound:
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            default:
                break;
        }

        Message = result.Message;
        Errors = result.Errors;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var scope = await vacancies.HandleAsync(new ListVacancies.Request(PageSize: 1), user, ct);
        if (!scope.CanDeclare)
        {
            return Forbid();
        }

        if (!string.IsNullOrWhiteSpace(Commune) || Typologie is not null)
        {
            Search = await dwellings.HandleAsync(new ListDwellings.Request(CommuneCode: Commune?.Trim(), Rooms: Typologie, PageSize: 20), user, ct);
        }

        return null;
    }
}
