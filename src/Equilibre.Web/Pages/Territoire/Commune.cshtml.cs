using Equilibre.Domain.Stock;
using Equilibre.Features.Stock;
using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Territoire;

public sealed class CommuneModel(GetCommune getCommune, ListPriorityAreas priorityAreas, QpvRuleSettings qpvSettings, TimeProvider clock) : PageModel
{
    public GetCommune.Result? Commune { get; private set; }

    public IReadOnlyList<ListPriorityAreas.Item> PriorityAreas { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Commune = await getCommune.HandleAsync(code, ct);
        if (Commune is null)
        {
            return NotFound();
        }

        Today = Features.FrenchTime.Today(clock);
        PriorityAreas = await priorityAreas.HandleAsync(code, Today, qpvSettings, ct);
        return Page();
    }
}
