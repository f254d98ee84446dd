using Equilibre.Domain.Reform;
using Equilibre.Features.Reform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Reforme;

/// <summary>An EPCI's instruments, their history, and the form the competent State services use to record a change.</summary>
public sealed class EpciModel(GetEpciReformStatus status, RecordInstrumentStatus record, CurrentUserAccessor currentUser) : PageModel
{
    public sealed class EntryInput
    {
        public string Code { get; set; } = "";
        public string Statut { get; set; } = "non";
        public DateOnly? Date { get; set; }
        public string? Reference { get; set; }
    }

    [BindProperty]
    public List<EntryInput> Entries { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public GetEpciReformStatus.Result? Status { get; private set; }

    public ReformEditing.Decision? Editing { get; private set; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string siren, CancellationToken ct)
    {
        if (!await LoadAsync(siren, ct))
        {
            return NotFound();
        }

        Entries = [.. Status!.Current.Select(c => new EntryInput
        {
            Code = ReformInstruments.Code(c.Instrument), Statut = c.InPlace ? "oui" : "non", Date = c.EffectiveDate, Reference = c.Reference,
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string siren, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var entries = Entries.Select(e => (Input: e, Instrument: ReformInstruments.FromCode(e.Code))).ToList();
        if (entries.Any(e => e.Instrument is null))
        {
            return BadRequest();
        }

        var result = await record.HandleAsync(new RecordInstrumentStatus.Request(siren,
            [.. entries.Select(e => new InstrumentEntry(e.Instrument!.Value, e.Input.Statut == "oui", e.Input.Statut == "oui" ? e.Input.Date : null, e.Input.Reference))], Note), user, ct);
        if (result.Outcome == RecordInstrumentStatus.Outcome.NotFound || !await LoadAsync(siren, ct))
        {
            return NotFound();
        }

        switch (result.Outcome)
        {
            case RecordInstrumentStatus.Outcome.Forbidden:
                Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case RecordInstrumentStatus.Outcome.Invalid:
                Errors = result.Errors;
                return Page();
            default:
                Message = result.Recorded == 0 ? "Aucun changement : rien n'a été enregistré." : $"{result.Recorded} changement(s) enregistré(s) ; l'historique conserve l'état précédent.";
                ModelState.Clear();
                Entries = [.. Status!.Current.Select(c => new EntryInput
                {
                    Code = ReformInstruments.Code(c.Instrument), Statut = c.InPlace ? "oui" : "non", Date = c.EffectiveDate, Reference = c.Reference,
                })];
                Note = null;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string siren, CancellationToken ct)
    {
        Status = await status.HandleAsync(siren, ct);
        if (Status is null)
        {
            return false;
        }

        var user = await currentUser.GetAsync(ct);
        Editing = user is null ? null : ReformEditing.CanEdit(user.Roles, user.Scope, Status.Name, Status.RegionCode, Status.MainDepartementCode);
        return true;
    }
}
