using Equilibre.Features.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration.Imports;

public sealed class IndexModel(ListImportRuns list, ImportReferenceData import, ReferenceFiles files) : PageModel
{
    public IReadOnlyList<ImportRun> Runs { get; private set; } = [];

    public string Folder => files.Folder;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Runs = await list.HandleAsync(20, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var runs = await import.HandleAsync(new ImportReferenceData.Request(files, StartedBy: User.Identity?.Name), ct: ct);
        Message = string.Join(" ", runs.Select(r => r.Succeeded
            ? $"{KindLabel(r.Kind)} : {r.Read} lues, {r.Created} créées, {r.Updated} mises à jour, {r.Unchanged} inchangées."
            : $"{KindLabel(r.Kind)} : refusé ({r.Failure})."));
        return RedirectToPage();
    }

    public static string KindLabel(string kind) => ImportReferenceData.KindLabel(kind);
}
