using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Equilibre.Web.Tests;

/// <summary>The cotation pages and API: public grid, a demand's score, the EPCI's draft, preview and publication.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class CotationPagesTests(EquilibreWebFactory factory)
{
    private const string Troyes = "200069250";

    [Fact]
    public async Task TheGridInForce_IsPublic_OnItsPageAndTheApi()
    {
        using var anonymous = factory.CreateClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/cotation/grille/{Troyes}"));
        Assert.Contains("Grille de cotation de la demande", page, StringComparison.Ordinal);
        Assert.Contains("exemple", page, StringComparison.Ordinal);
        var json = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/cotation/grilles/{Troyes}");
        Assert.StartsWith("Exemple", json.GetProperty("libelle").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("rubriques").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/cotation/grilles/200066637")).StatusCode);
    }

    [Fact]
    public async Task TheEpci_DraftsPreviewsAndPublishes_AndTheGuichetSeesTheNewScore_OthersCannotDraft()
    {
        using var guichet = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");
        var numero = await DemandPagesTests.RegisterAsync(guichet, DemandPagesTests.Couple("Cotation", commune: "10387"));
        var before = WebUtility.HtmlDecode(await guichet.GetStringAsync($"/demandes/{numero}"));
        Assert.Contains("id=\"cotation\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Motif 13 (test)", before, StringComparison.Ordinal);

        var refused = await guichet.PostAsync("/cotation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["epci"] = Troyes,
            ["depart"] = "vide",
            ["portee"] = "General",
            ["__RequestVerificationToken"] = Login.TokenFrom(await guichet.GetStringAsync($"/cotation?epci={Troyes}")),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var epci = await Login.AsAsync(factory, "epci.troyes@demo.equilibre.fr");
        var list = WebUtility.HtmlDecode(await epci.GetStringAsync("/cotation"));
        var version = Regex.Match(list, "<option value=\"(version:\\d+)\">").Groups[1].Value;
        var created = await epci.PostAsync("/cotation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["epci"] = Troyes,
            ["depart"] = version,
            ["portee"] = "General",
            ["__RequestVerificationToken"] = Login.TokenFrom(list),
        }));
        var draftPath = created.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches("^/cotation/brouillon/\\d+$", draftPath);

        // The form as a browser posts it, with a criterion added in the first rubric's blank row and an entry into force today.
        var form = WebUtility.HtmlDecode(await epci.GetStringAsync(draftPath));
        var fields = FormFields(form, "editeur");
        var blank = Regex.Matches(form, "name=\"(Input\\.Rubrics\\[0\\]\\.Criteria\\[\\d+\\])\\.Label\"")[^1].Groups[1].Value; // the blank row is the rubric's last
        fields[blank + ".Label"] = "Motif 13 (test)";
        fields[blank + ".Condition"] = "MOTIF";
        fields[blank + ".Parameter"] = "13";
        fields[blank + ".Points"] = "7";
        fields["Input.ValidFrom"] = Equilibre.Features.FrenchTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var saved = WebUtility.HtmlDecode(await (await epci.PostAsync(draftPath, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.True(saved.Contains("brouillon enregistré", StringComparison.OrdinalIgnoreCase), Regex.Match(saved, "id=\"erreur\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value + saved[..Math.Min(300, saved.Length)]);

        var preview = WebUtility.HtmlDecode(await epci.GetStringAsync(draftPath + "?apercu=true"));
        Assert.Contains("id=\"apercu\"", preview, StringComparison.Ordinal);
        Assert.Contains("Demandes qui montent le plus", preview, StringComparison.Ordinal);
        Assert.Contains("id=\"premier-decile\"", preview, StringComparison.Ordinal);

        var publish = FormFields(preview, "publication");
        var published = WebUtility.HtmlDecode(await (await epci.PostAsync(draftPath + "?handler=publier", new FormUrlEncodedContent(publish))).Content.ReadAsStringAsync());
        Assert.Contains("publiée le", published, StringComparison.Ordinal);
        Assert.Contains("demande(s) cotée(s)", published, StringComparison.Ordinal);

        var after = WebUtility.HtmlDecode(await guichet.GetStringAsync($"/demandes/{numero}"));
        Assert.Contains("Motif 13 (test)", after, StringComparison.Ordinal);
        var api = await guichet.GetFromJsonAsync<JsonElement>($"/api/v1/cotation/demandes/{numero}");
        Assert.True(api.GetProperty("note").GetDecimal() >= 7m);
        Assert.Contains(api.GetProperty("detail").EnumerateArray(), l => l.GetProperty("critere").GetString() == "Motif 13 (test)" && l.GetProperty("comptee").GetBoolean());
        var sorted = await guichet.GetFromJsonAsync<JsonElement>("/api/v1/demandes?epci=200069250&tri=note&taillePage=5");
        var notes = sorted.GetProperty("demandes").EnumerateArray().Select(d => d.GetProperty("note").GetDouble()).ToList();
        Assert.Equal(notes.OrderDescending(), notes);
    }

    /// <summary>The fields a browser would post from a form of the page (the first one, or the one with this id): inputs with their value, selected options.</summary>
    private static Dictionary<string, string> FormFields(string html, string? formId = null)
    {
        var form = formId is null
            ? Regex.Match(html, "<form method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline).Groups[1].Value
            : Regex.Match(html, $"<form[^>]*id=\"{formId}\"[^>]*>(.*?)</form>", RegexOptions.Singleline).Groups[1].Value;
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(form))
        {
            var tag = input.Value;
            var name = Regex.Match(tag, "name=\"([^\"]+)\"").Groups[1].Value;
            if (name.Length == 0 || tag.Contains("type=\"checkbox\"", StringComparison.Ordinal))
            {
                continue;
            }

            fields[name] = Regex.Match(tag, "value=\"([^\"]*)\"").Groups[1].Value;
        }

        foreach (Match select in SelectTag().Matches(form))
        {
            var selected = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected=\"selected\"");
            fields[select.Groups[1].Value] = selected.Success ? selected.Groups[1].Value : Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\"").Groups[1].Value;
        }

        return fields;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();
}
