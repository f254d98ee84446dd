using Equilibre.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration;

/// <summary>User accounts and the creation form (administrators).</summary>
public sealed class UtilisateursModel(ListUsers list, ListOrganisations organisations, CreateUser create, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public long? OrganisationId { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string Password { get; set; } = "";

    public IReadOnlyList<ListUsers.Item> Users { get; private set; } = [];

    public IReadOnlyList<ListOrganisations.Item> Organisations { get; private set; } = [];

    public IReadOnlyList<(string Field, string Message)> Errors { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var result = await create.HandleAsync(new CreateUser.Request(Email, DisplayName, OrganisationId, SelectedRoles, Password), user, ct);
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            Password = "";
            await LoadAsync(ct);
            return Page();
        }

        Message = $"Compte « {Email.Trim()} » créé. Communiquez le mot de passe initial à son titulaire par un canal sûr.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return false;
        }

        Users = await list.HandleAsync(user, clock.GetUtcNow(), ct);
        Organisations = await organisations.HandleAsync(user, ct);
        return true;
    }
}
