using Equilibre.Features.Applications;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>Registration of a demand by a guichet enregistreur (CERFA 14069).</summary>
public sealed class NouvelleModel(RegisterDemand register, CurrentUserAccessor currentUser, TimeProvider clock) : DemandFormPage(clock)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !DemandAccess.CanWrite(user))
        {
            return Forbid();
        }

        Form.Compact();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !DemandAccess.CanWrite(user))
        {
            return Forbid();
        }

        var (file, errors) = ReadForm();
        if (errors.Count == 0)
        {
            var result = await register.HandleAsync(new RegisterDemand.Request(file, Trim(Form.Commentaire)), user, ct);
            switch (result.Outcome)
            {
                case DemandOutcome.Done:
                    Message = $"Demande enregistrée sous le numéro unique {result.Numero} : {result.Message}.";
                    return Redirect($"/demandes/{result.Numero}");
                case DemandOutcome.Forbidden:
                    return Forbid();
                default:
                    errors = result.Errors.Count > 0 ? result.Errors : [new("statut", result.Message)];
                    break;
            }
        }

        Fields = new FormFields(errors);
        return Page();
    }
}
