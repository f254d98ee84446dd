using Equilibre.Features;
using Equilibre.Features.Targets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Objectifs;

/// <summary>
/// The annual bilan of the CIL (<see cref="ExportCilBilan"/>): edit a new one (recorded, PDF or XLSX), or edit again a
/// recorded edition with its own definitions and settings.
/// </summary>
public sealed class BilanModel(ExportCilBilan export, CurrentUserAccessor currentUser, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "epci")]
    public string? Epci { get; set; }

    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Year { get; set; }

    [BindProperty(Name = "format")]
    public string? FileFormat { get; set; }

    public IReadOnlyList<TargetBilanRecord> Editions { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? edition, string? format, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Year ??= FrenchTime.Today(clock).Year - 1;
        if (Epci is { Length: > 0 } epci)
        {
            if (edition is { } id)
            {
                var again = await export.EditionsAsync(epci, user, ct);
                var record = again.FirstOrDefault(r => r.Id == id);
                if (record is not null)
                {
                    return await FileAsync(new ExportCilBilan.Request(epci, record.Year, id), format, user, ct);
                }

                Error = $"édition n° {id} introuvable pour l'EPCI {epci}";
            }

            Editions = await export.EditionsAsync(epci, user, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(Epci) || Year is null)
        {
            Error = "indiquez le SIREN de l'EPCI et l'année du bilan";
            return Page();
        }

        return await FileAsync(new ExportCilBilan.Request(Epci.Trim(), Year.Value), FileFormat, user, ct);
    }

    private async Task<IActionResult> FileAsync(ExportCilBilan.Request request, string? format, Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var document = xlsx ? await export.XlsxAsync(request, user, ct) : await export.PdfAsync(request, user, ct);
        if (document.Content is null)
        {
            Error = document.Error;
            Response.StatusCode = document.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return Page();
        }

        return File(document.Content, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf", document.FileName);
    }
}
