using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Equilibre.Domain.Applications;
using Microsoft.AspNetCore.Html;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>
/// Accessible Bootstrap fields for the demand form. Each field is named for model binding (<c>Form.Demandeur.Nom</c>)
/// and identified by the path the validation uses (<c>demandeur.nom</c> → id <c>demandeur-nom</c>), so that a
/// <see cref="FieldError"/> lands on its input: <c>is-invalid</c>, an <c>invalid-feedback</c> bound by
/// <c>aria-describedby</c>, and a link from the error summary. Every input has a visible label.
/// </summary>
public sealed class FormFields(IReadOnlyList<FieldError> errors)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly HashSet<string> _rendered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public IReadOnlyList<FieldError> Errors { get; } = errors;

    /// <summary>The HTML id of a validation path: <c>cotitulaire[1].nom</c> → <c>cotitulaire-1-nom</c>.</summary>
    public static string Id(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace(".", "-", StringComparison.Ordinal);
    }

    /// <summary>Where the summary links an error: its field, else the nearest rendered group, else nowhere.</summary>
    public string? Target(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_names.TryGetValue(path, out var named))
        {
            return named;
        }

        var id = Id(path);
        while (id.Length > 0)
        {
            if (_rendered.Contains(id))
            {
                return id;
            }

            var cut = id.LastIndexOf('-');
            if (cut <= 0)
            {
                return null;
            }

            id = id[..cut];
        }

        return null;
    }

    /// <summary>The messages of a field, named by its validation path or by its form name (a value the binder could not read).</summary>
    public IReadOnlyList<string> MessagesFor(string path, string? name = null) => [.. Errors.Where(e => e.Field == path || e.Field == name).Select(e => e.Message)];

    public IHtmlContent Text(string path, string name, string label, string? value, string type = "text", string col = "col-md-4", string? hint = null, string? extra = null)
    {
        var id = Id(path);
        _names[name] = id;
        var sb = Open(col, id, label);
        sb.Append("<input type=\"").Append(type).Append("\" class=\"form-control").Append(InvalidClass(path, name)).Append("\" id=\"").Append(id)
          .Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value ?? "")).Append('"');
        if (type == "number")
        {
            sb.Append(" step=\"any\"");
        }

        Described(sb, path, name, id, hint);
        sb.Append(extra is null ? "" : " " + extra).Append(" />");
        return Close(sb, path, name, id, hint);
    }

    public IHtmlContent Select(string path, string name, string label, IEnumerable<KeyValuePair<string, string>> options, string? value, string col = "col-md-4", bool withCode = false, string empty = "—")
    {
        var id = Id(path);
        _names[name] = id;
        var sb = Open(col, id, label);
        sb.Append("<select class=\"form-select").Append(InvalidClass(path, name)).Append("\" id=\"").Append(id).Append("\" name=\"").Append(E(name)).Append('"');
        Described(sb, path, name, id, null);
        sb.Append("><option value=\"\">").Append(E(empty)).Append("</option>");
        foreach (var (code, text) in options)
        {
            sb.Append("<option value=\"").Append(E(code)).Append('"').Append(code == value ? " selected" : "").Append('>')
              .Append(E(withCode ? $"{code} — {text}" : text)).Append("</option>");
        }

        sb.Append("</select>");
        return Close(sb, path, name, id, null);
    }

    public IHtmlContent Check(string path, string name, string label, bool value, string col = "col-md-4")
    {
        var id = Id(path);
        _rendered.Add(id);
        _names[name] = id;
        var sb = new StringBuilder();
        sb.Append("<div class=\"").Append(col).Append("\"><div class=\"form-check mt-md-4\"><input type=\"checkbox\" class=\"form-check-input").Append(InvalidClass(path, name))
          .Append("\" id=\"").Append(id).Append("\" name=\"").Append(E(name)).Append("\" value=\"true\"").Append(value ? " checked" : "");
        Described(sb, path, name, id, null);
        sb.Append(" /><label class=\"form-check-label\" for=\"").Append(id).Append("\">").Append(E(label)).Append("</label>");
        Feedback(sb, path, name, id);
        sb.Append("</div></div>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>A group of checkboxes in a fieldset whose legend names it; the fieldset carries the group's errors.</summary>
    public IHtmlContent Checkboxes(string path, string name, string legend, IEnumerable<KeyValuePair<string, string>> options, IEnumerable<string> selected, bool withCode = false, string columns = "col-md-4")
    {
        var id = Id(path);
        _rendered.Add(id);
        _names[name] = id;
        var chosen = selected.ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("<fieldset class=\"mb-3\" id=\"").Append(id).Append("\" tabindex=\"-1\"");
        Described(sb, path, name, id, null);
        sb.Append("><legend class=\"fs-6 fw-semibold\">").Append(E(legend)).Append("</legend><div class=\"row\">");
        var i = 0;
        foreach (var (code, text) in options)
        {
            var boxId = $"{id}-{++i}";
            sb.Append("<div class=\"").Append(columns).Append("\"><div class=\"form-check\"><input type=\"checkbox\" class=\"form-check-input").Append(InvalidClass(path, name))
              .Append("\" id=\"").Append(boxId).Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(code)).Append('"').Append(chosen.Contains(code) ? " checked" : "")
              .Append(" /><label class=\"form-check-label\" for=\"").Append(boxId).Append("\">").Append(E(withCode ? $"{code} — {text}" : text)).Append("</label></div></div>");
        }

        sb.Append("</div>");
        Feedback(sb, path, name, id, block: true);
        sb.Append("</fieldset>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>Opens a fieldset for a group of inputs whose errors are reported on the group (resources, a row).</summary>
    public IHtmlContent OpenGroup(string path, string legend, string? hint = null)
    {
        var id = Id(path);
        _rendered.Add(id);
        var sb = new StringBuilder();
        sb.Append("<fieldset class=\"mb-3 groupe-formulaire\" id=\"").Append(id).Append("\" tabindex=\"-1\"");
        Described(sb, path, null, id, hint);
        sb.Append("><legend class=\"fs-6 fw-semibold\">").Append(E(legend)).Append("</legend>");
        if (hint is not null)
        {
            sb.Append("<p class=\"form-text mt-0\" id=\"").Append(id).Append("-aide\">").Append(E(hint)).Append("</p>");
        }

        Feedback(sb, path, null, id, block: true);
        sb.Append("<div class=\"row g-2\">");
        return new HtmlString(sb.ToString());
    }

    public static IHtmlContent CloseGroup() => new HtmlString("</div></fieldset>");

    private StringBuilder Open(string col, string id, string label)
    {
        _rendered.Add(id);
        var sb = new StringBuilder();
        sb.Append("<div class=\"").Append(col).Append("\"><label class=\"form-label\" for=\"").Append(id).Append("\">").Append(E(label)).Append("</label>");
        return sb;
    }

    private HtmlString Close(StringBuilder sb, string path, string? name, string id, string? hint)
    {
        if (hint is not null)
        {
            sb.Append("<div class=\"form-text\" id=\"").Append(id).Append("-aide\">").Append(E(hint)).Append("</div>");
        }

        Feedback(sb, path, name, id);
        sb.Append("</div>");
        return new HtmlString(sb.ToString());
    }

    private string InvalidClass(string path, string? name) => MessagesFor(path, name).Count > 0 ? " is-invalid" : "";

    private void Described(StringBuilder sb, string path, string? name, string id, string? hint)
    {
        var ids = new List<string>();
        if (MessagesFor(path, name).Count > 0)
        {
            ids.Add(id + "-erreur");
            sb.Append(" aria-invalid=\"true\"");
        }

        if (hint is not null)
        {
            ids.Add(id + "-aide");
        }

        if (ids.Count > 0)
        {
            sb.Append(" aria-describedby=\"").Append(string.Join(' ', ids)).Append('"');
        }
    }

    private void Feedback(StringBuilder sb, string path, string? name, string id, bool block = false)
    {
        var messages = MessagesFor(path, name);
        if (messages.Count > 0)
        {
            sb.Append("<div class=\"invalid-feedback").Append(block ? " d-block" : "").Append("\" id=\"").Append(id).Append("-erreur\">")
              .Append(E(string.Join(" ; ", messages))).Append("</div>");
        }
    }

    private static string E(string text) => Encoder.Encode(text);
}
