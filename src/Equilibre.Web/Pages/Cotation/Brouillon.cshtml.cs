using Equilibre.Domain.Cotation;
using Equilibre.Features.Cotation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Cotation;

/// <summary>
/// A grid version: read-only once published; for a draft, the EPCI edits the header, rubrics and criteria (one blank
/// criterion row per rubric and one blank rubric to add), previews the effect on the current demands, and publishes.
/// </summary>
public sealed class BrouillonModel(GetCotationGrid get, SaveCotationDraft save, PublishCotationGrid publish, PreviewCotationGrid preview, CurrentUserAccessor currentUser)
    : PageModel
{
    public sealed class CriterionInput
    {
        public string? Code { get; set; }
        public string? Label { get; set; }
        public int Points { get; set; }
        public string? Condition { get; set; }
        public string? Parameter { get; set; }
        public CriterionSource Source { get; set; }
        public CriterionValidation Validation { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class RubricInput
    {
        public string? Code { get; set; }
        public string? Label { get; set; }
        public RubricMode Mode { get; set; }
        public bool Remove { get; set; }
        public List<CriterionInput> Criteria { get; set; } = [];
    }

    public sealed class GridInput
    {
        public string Label { get; set; } = "";
        public DateOnly ValidFrom { get; set; }
        public DateOnly? ValidTo { get; set; }
        public decimal? SeniorityPerMonth { get; set; }
        public int? SeniorityCap { get; set; }
        public int? RefusalPoints { get; set; }
        public int? RefusalFreezeMonths { get; set; }
        public int? TotalCap { get; set; }
        public int Revision { get; set; }
        public List<RubricInput> Rubrics { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public GridInput Input { get; set; } = new();

    public GetCotationGrid.Result? Grid { get; private set; }

    public PreviewCotationGrid.Result? Preview { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool IsConflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool apercu, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = ToInput(Grid!.Grid, Grid.Revision);
        if (apercu && Grid.CanEdit)
        {
            var user = await currentUser.GetAsync(ct);
            Preview = await preview.HandleAsync(Id, user!, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await save.HandleAsync(new SaveCotationDraft.Request(Id, Input.Revision, ToGrid(Input, Grid!.Grid)), user, ct);
        return await AfterAsync(result, keepInput: true, ct);
    }

    public async Task<IActionResult> OnPostPublierAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await publish.HandleAsync(new PublishCotationGrid.Request(Id, Input.Revision), user, ct);
        return await AfterAsync(result, keepInput: false, ct);
    }

    private async Task<IActionResult> AfterAsync(GridResult result, bool keepInput, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case GridOutcome.Done:
                Message = Format.Sentence(result.Message);
                return Redirect($"/cotation/brouillon/{Id}");
            case GridOutcome.NotFound:
                return NotFound();
            case GridOutcome.Forbidden:
                return Forbid();
            default:
                IsConflict = result.Outcome == GridOutcome.Conflict;
                Errors = result.Message.Split(" ; ");
                await LoadAsync(ct);
                if (!keepInput)
                {
                    Input = ToInput(Grid!.Grid, Grid.Revision);
                }

                return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Grid = await get.ByIdAsync(Id, user, ct);
        return Grid is not null;
    }

    private static GridInput ToInput(CotationGrid grid, int revision) => new()
    {
        Label = grid.Label,
        ValidFrom = grid.ValidFrom,
        ValidTo = grid.ValidTo,
        SeniorityPerMonth = grid.Seniority?.PointsPerMonth,
        SeniorityCap = grid.Seniority?.Cap,
        RefusalPoints = grid.Refusal?.PointsPerRefusal,
        RefusalFreezeMonths = grid.Refusal?.FreezeMonths,
        TotalCap = grid.TotalCap,
        Revision = revision,
        Rubrics = [.. grid.Rubrics.Select(r => new RubricInput
        {
            Code = r.Code,
            Label = r.Label,
            Mode = r.Mode,
            Criteria = [.. r.Criteria.Select(c => new CriterionInput
            {
                Code = c.Code, Label = c.Label, Points = c.Points, Condition = c.Condition, Parameter = c.Parameter, Source = c.Source, Validation = c.Validation,
            })],
        })],
    };

    /// <summary>The form as a grid: removed and blank rows dropped, codes made from labels when left empty.</summary>
    private static CotationGrid ToGrid(GridInput input, CotationGrid current)
    {
        var rubrics = input.Rubrics
            .Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Label))
            .Select(r => new Rubric(CodeOf(r.Code, r.Label!), r.Label!.Trim(), r.Mode, [.. r.Criteria
                .Where(c => !c.Remove && !string.IsNullOrWhiteSpace(c.Condition))
                .Select(c => new Criterion(CodeOf(c.Code, c.Label ?? c.Condition!), string.IsNullOrWhiteSpace(c.Label) ? CriteriaCatalogue.Find(c.Condition!)?.Label ?? c.Condition! : c.Label.Trim(),
                    c.Points, c.Condition!, string.IsNullOrWhiteSpace(c.Parameter) ? null : c.Parameter.Trim(), c.Source, c.Validation))]))
            .ToList();
        return current with
        {
            Label = input.Label.Trim(),
            ValidFrom = input.ValidFrom,
            ValidTo = input.ValidTo,
            Rubrics = rubrics,
            Seniority = input.SeniorityPerMonth is { } perMonth ? new SeniorityRule(perMonth, input.SeniorityCap) : null,
            Refusal = input.RefusalPoints is null && input.RefusalFreezeMonths is null ? null : new RefusalPenalty(input.RefusalPoints, input.RefusalFreezeMonths),
            TotalCap = input.TotalCap,
        };
    }

    private static string CodeOf(string? code, string label) =>
        string.IsNullOrWhiteSpace(code) ? CriteriaCatalogue.CodeFrom(label) : code.Trim();
}
