using Equilibre.Domain.Applications;
using Equilibre.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>What the demand form pages share: the posted form, its errors, and turning binding failures into field errors.</summary>
public abstract class DemandFormPage(TimeProvider clock) : PageModel
{
    [BindProperty]
    public DemandForm Form { get; set; } = new();

    public FormFields Fields { get; protected set; } = new([]);

    [TempData]
    public string? Message { get; set; }

    /// <summary>
    /// The demand the form describes, or the errors found without saving: values the browser sent that could not be
    /// read (a text in a number field), rows that cannot become part of a demand, then the content rules.
    /// </summary>
    protected (DemandFile File, IReadOnlyList<FieldError> Errors) ReadForm()
    {
        var (file, errors) = Form.ToFile();
        var all = ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => new FieldError(e.Key, $"valeur « {e.Value!.AttemptedValue} » non reconnue : nombre ou date attendu"))
            .Concat(errors).ToList();
        if (all.Count > 0)
        {
            all.AddRange(DemandValidation.Check(file, FrenchTime.Today(clock)));
        }

        return (file, all);
    }

    /// <summary>The form model as the shared partial takes it.</summary>
    public DemandFormView View(int? version, string submit, string? conflict = null) => new(Form, Fields, version, submit, conflict);

    protected static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
