using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Parc;

/// <summary>
/// Upload of an RPLS file: a bailleur imports its own stock (<see cref="ImportRpls.Request.ForOrganisationId"/> = its
/// organisation, so lines without SIRET become its dwellings and another SIREN's lines are refused); State services
/// and administrators import territory-wide. Other roles are refused (403). The file keeps its name in a temporary
/// folder, since the millésime may come from it.
/// </summary>
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(ImportRpls import, EquilibreDb db, CurrentUserAccessor currentUser) : PageModel
{
    public const long MaxBytes = 200L * 1024 * 1024;

    [BindProperty]
    public IFormFile? Fichier { get; set; }

    [BindProperty]
    public int? Millesime { get; set; }

    public StockScope? Scope { get; private set; }

    public ImportRun? Run { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Scope = await StockAccess.ScopeAsync(db, user, ct);
        return Scope.CanImport ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return Challenge();
        }

        Scope = await StockAccess.ScopeAsync(db, user, ct);
        if (!Scope.CanImport)
        {
            return Forbid();
        }

        if (Fichier is null || Fichier.Length == 0)
        {
            Error = "Choisissez un fichier CSV RPLS à importer.";
            return Page();
        }

        if (Millesime is { } m && (m < 2011 || m > 2099))
        {
            Error = "Millésime : année de 2011 à 2099, ou vide pour la lire dans le nom du fichier.";
            return Page();
        }

        var folder = Path.Combine(Path.GetTempPath(), $"equilibre-rpls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var name = string.Concat(Path.GetFileName(Fichier.FileName).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        var path = Path.Combine(folder, name.Length == 0 ? "rpls.csv" : name);
        try
        {
            await using (var stream = System.IO.File.Create(path))
            {
                await Fichier.CopyToAsync(stream, ct);
            }

            Run = await import.HandleAsync(new ImportRpls.Request(path, Millesime, user.DisplayName, null, Scope.ImportForOrganisationId), ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return Page();
    }
}
