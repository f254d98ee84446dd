using Equilibre.Domain.Applications;
using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The reservation conventions the user sees, and for a bailleur or an administrator the form to write one (new, or the
/// one chosen with <c>?id=</c>, whose revision travels with the form): field errors in French, the préfet's share checked.
/// </summary>
public sealed class ConventionsModel(ListConventions list, SaveConvention save, TimeProvider clock, CurrentUserAccessor currentUser) : PageModel
{
    /// <summary>The form's fields (French names in the markup through the labels).</summary>
    public sealed class ConventionInput
    {
        public long? Id { get; set; }
        public int? Revision { get; set; }
        public long Bailleur { get; set; }
        public long Reservataire { get; set; }
        public string? Type { get; set; }
        public string? Departement { get; set; }
        public string? Communes { get; set; }
        public decimal? Taux { get; set; }
        public int? Volume { get; set; }
        public decimal? AgentsEtat { get; set; }
        public string? Typologies { get; set; }
        public string? Geographie { get; set; }
        public int Delai { get; set; } = 30;
        public int Redesignations { get; set; }
        public bool RendusComptes { get; set; } = true;
        public DateOnly Debut { get; set; }
        public DateOnly? Fin { get; set; }
        public string? Reference { get; set; }
        public int Report { get; set; }
    }

    [BindProperty]
    public ConventionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "id")]
    public long? Selected { get; set; }

    public ListConventions.Result? Result { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Error { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refusal)
        {
            return refusal;
        }

        if (Result!.Selected is { CanEdit: true } s)
        {
            var c = s.Record;
            Input = new ConventionInput
            {
                Id = c.Id,
                Revision = c.Revision,
                Bailleur = c.BailleurId,
                Reservataire = c.ReservataireOrganisationId,
                Type = AttributionsText.Code(c.Kind),
                Departement = c.DepartementCode,
                Communes = c.Communes,
                Taux = c.RatePercent,
                Volume = c.Volume,
                AgentsEtat = c.StateAgentsRatePercent,
                Typologies = c.Typologies,
                Geographie = c.GeographyCommitment,
                Delai = c.DesignationDelayDays,
                Redesignations = c.Redesignations,
                RendusComptes = c.ReturnedCountsAsDelivered,
                Debut = c.ValidFrom,
                Fin = c.ValidTo,
                Reference = c.Reference,
                Report = c.CarriedOver,
            };
        }
        else
        {
            Input.Debut = new DateOnly(Features.FrenchTime.Today(clock).Year, 1, 1);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refusal)
        {
            return refusal;
        }

        var user = (await currentUser.GetAsync(ct))!;
        if (AttributionsText.Kind(Input.Type) is not { } kind)
        {
            Error = "type de réservataire inconnu";
            Errors = [new("Type", "Type de réservataire : choisissez-en un")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var i = Input;
        var result = await save.HandleAsync(new SaveConvention.Request(i.Id, i.Revision, i.Bailleur, i.Reservataire, kind, i.Departement, i.Communes, i.Taux, i.Volume,
            i.AgentsEtat, i.Typologies, i.Geographie, i.Delai, i.Redesignations, i.RendusComptes, i.Debut, i.Fin, i.Reference, i.Report), user, ct);
        if (result.Succeeded)
        {
            Message = Format.Sentence(result.Message) + (result.Warnings.Count > 0 ? " " + Format.Sentence(result.Warnings[0]) : "");
            return Redirect("/attributions/conventions");
        }

        Response.StatusCode = result.Outcome switch
        {
            AllocationOutcome.Forbidden => StatusCodes.Status403Forbidden,
            AllocationOutcome.Conflict => StatusCodes.Status409Conflict,
            AllocationOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        Error = result.Message;
        Errors = result.Errors;
        return Page();
    }

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Result = await list.HandleAsync(new ListConventions.Request(ConventionId: Selected ?? Input.Id), user, ct);
        return Result.Scope.SeesAnything ? null : Forbid();
    }
}
