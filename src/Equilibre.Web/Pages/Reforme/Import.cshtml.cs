using Equilibre.Features.Imports;
using Equilibre.Features.Reform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Reforme;

/// <summary>CSV import of reform statuses by the services de l'État (each line checked against their territory).</summary>
public sealed class ImportModel(ImportReformStatuses import, CurrentUserAccessor currentUser) : PageModel
{
    private const long MaxBytes = 10 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Fichier { get; set; }

    public ImportRun? Run { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        if (Fichier is null || Fichier.Length == 0)
        {
            Error = "Choisissez un fichier CSV à importer.";
            return Page();
        }

        if (Fichier.Length > MaxBytes)
        {
            Error = "Le fichier dépasse 10 Mo.";
            return Page();
        }

        var path = Path.Combine(Path.GetTempPath(), $"equilibre-reforme-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var stream = System.IO.File.Create(path))
            {
                await Fichier.CopyToAsync(stream, ct);
            }

            Run = await import.HandleAsync(new ImportReformStatuses.Request(path, Path.GetFileName(Fichier.FileName)), user, ct);
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        return Page();
    }
}
