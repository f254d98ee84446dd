using Equilibre.Features.Applications;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>Modification (<c>modifier</c>) or renewal (<c>renouveler</c>) of a demand: the registration form, pre-filled, at the version read.</summary>
public sealed class ModifierModel(GetDemand get, ModifyDemand modify, RenewDemand renew, CurrentUserAccessor currentUser, TimeProvider clock) : DemandFormPage(clock)
{
    [BindProperty(SupportsGet = true)]
    public string Numero { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Mode { get; set; } = "modifier";

    /// <summary>The version of the demand the form was opened on (ExpectedVersion).</summary>
    [BindProperty]
    public int? Version { get; set; }

    public GetDemand.Result? Demand { get; private set; }

    public string? Conflict { get; private set; }

    public bool Renewal => Mode == "renouveler";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Demand = user is null ? null : await get.HandleAsync(Numero, user, ct);
        if (Demand is null)
        {
            return NotFound();
        }

        if (!Demand.CanWrite)
        {
            return Forbid();
        }

        Form = DemandForm.From(Demand.File);
        Version = Demand.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Demand = user is null ? null : await get.HandleAsync(Numero, user, ct);
        if (Demand is null || user is null)
        {
            return NotFound();
        }

        var (file, errors) = ReadForm();

        // The form edits one co-titulaire; further ones (recorded through the API or an import) are kept as they are.
        if (Demand.File.CoApplicants.Count > 1)
        {
            file = file with { CoApplicants = [.. file.CoApplicants, .. Demand.File.CoApplicants.Skip(1)] };
        }

        if (errors.Count == 0)
        {
            var request = new ModifyDemand.Request(Numero, file, Version, Trim(Form.Commentaire));
            var result = Renewal ? await renew.HandleAsync(request, user, ct) : await modify.HandleAsync(request, user, ct);
            switch (result.Outcome)
            {
                case DemandOutcome.Done:
                    Message = (Renewal ? "Demande renouvelée : " : "Demande modifiée : ") + result.Message + ".";
                    return Redirect($"/demandes/{Numero}");
                case DemandOutcome.NotFound:
                    return NotFound();
                case DemandOutcome.Forbidden:
                    return Forbid();
                case DemandOutcome.Conflict:
                    Conflict = result.Message;
                    break;
                default:
                    errors = result.Errors.Count > 0 ? result.Errors : [new("statut", result.Message)];
                    break;
            }
        }

        Fields = new FormFields(errors);
        return Page();
    }
}
