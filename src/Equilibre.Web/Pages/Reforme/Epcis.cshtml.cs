using Equilibre.Domain.Reform;
using Equilibre.Features.Reform;
using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Reforme;

/// <summary>The EPCIs behind a figure of the dashboard: subject to the reform at the date, with or without an instrument.</summary>
public sealed class EpcisModel(ExportReformStatuses table, ListTerritoryFilters territory, TimeProvider clock) : ReformFilterPage(clock)
{
    [BindProperty(SupportsGet = true, Name = "instrument")]
    public string? Instrument { get; set; }

    [BindProperty(SupportsGet = true, Name = "en_place")]
    public string? EnPlace { get; set; }

    public ReformInstrument? Selected { get; private set; }

    public string Area { get; private set; } = "";

    public IReadOnlyList<ExportReformStatuses.Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NormaliseFilters();
        Selected = Instrument is null ? ReformInstrument.CilCreated : ReformInstruments.FromCode(Instrument);
        if (Selected is null)
        {
            return NotFound();
        }

        var all = await table.RowsAsync(new ExportReformStatuses.Request(Date!.Value, Region, Departement), ct);
        bool? inPlace = EnPlace switch { "oui" => true, "non" => false, _ => null };
        Rows = [.. all.Where(r => r.Instrument == Selected && (inPlace is null || r.InPlaceAtDate == inPlace))];
        var names = await territory.HandleAsync(ct);
        Area = names.Departements.FirstOrDefault(d => d.Code == Departement).Name
            ?? names.Regions.FirstOrDefault(r => r.Code == Region).Name
            ?? "France";
        return Page();
    }
}
