using Equilibre.Features.Imports;
using Equilibre.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Administration.Imports;

public sealed class IndexModel(ListImportRuns list, BackgroundJobs jobs, ReferenceFiles files) : PageModel
{
    public IReadOnlyList<ImportRun> Runs { get; private set; } = [];

    public string Folder => files.Folder;

    public async Task OnGetAsync(CancellationToken ct) => Runs = await list.HandleAsync(20, ct);

    /// <summary>Queues the import as a background job and shows its progress page.</summary>
    public IActionResult OnPost()
    {
        var startedBy = User.Identity?.Name;
        var job = jobs.Enqueue("Réimport des données de référence", startedBy, async (services, progress, ct) =>
        {
            var runs = await services.GetRequiredService<ImportReferenceData>()
                .HandleAsync(new ImportReferenceData.Request(files, StartedBy: startedBy), progress, ct);
            var message = string.Join(" ", runs.Select(r => r.Succeeded
                ? $"{KindLabel(r.Kind)} : {r.Read} lues, {r.Created} créées, {r.Updated} mises à jour, {r.Unchanged} inchangées."
                : $"{KindLabel(r.Kind)} : refusé ({r.Failure})."));
            return new JobOutcome(message, "/administration/imports", runs.Any(r => !r.Succeeded));
        });
        return Redirect($"/administration/travaux/{job.Id}");
    }

    public static string KindLabel(string kind) => ImportReferenceData.KindLabel(kind);
}
