using Equilibre.Domain.Reform;
using Equilibre.Features.Reform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Reforme;

/// <summary>National rates published by the DHUP, and their entry (DHUP or administrator only — checked in the handler).</summary>
public sealed class NationalModel(ListNationalRates list, RecordNationalRate record, CurrentUserAccessor currentUser) : PageModel
{
    [BindProperty]
    public string Instrument { get; set; } = ReformInstruments.Code(ReformInstrument.CilCreated);

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public decimal? Taux { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    public IReadOnlyList<NationalReformRate> Rates { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Recorded { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        var instrument = ReformInstruments.FromCode(Instrument);
        if (instrument is null || Date is null || Taux is null)
        {
            Errors = ["instrument, date et taux sont obligatoires"];
        }
        else
        {
            Errors = await record.HandleAsync(new RecordNationalRate.Request(instrument.Value, Date.Value, Taux.Value, Source ?? ""), user, ct);
            Recorded = Errors.Count == 0;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Rates = await list.HandleAsync(ct);
}
