using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration;

/// <summary>Organisations of the instance and the creation form (administrators).</summary>
public sealed class OrganisationsModel(ListOrganisations list, CreateOrganisation create, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty]
    public CreateOrganisation.Request Input { get; set; } = new("", OrganisationKind.Bailleur, null, null, null, null, null);

    public IReadOnlyList<ListOrganisations.Item> Items { get; private set; } = [];

    public IReadOnlyList<(string Field, string Message)> Errors { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Items = await list.HandleAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var result = await create.HandleAsync(Input, user, ct);
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            Items = await list.HandleAsync(user, ct);
            return Page();
        }

        Message = $"Organisation « {Input.Name.Trim()} » créée.";
        return RedirectToPage();
    }
}
