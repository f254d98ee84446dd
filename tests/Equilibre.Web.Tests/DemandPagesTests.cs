using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>The demand registry's pages and API: registration through the form, scope, field errors, conflicts.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class DemandPagesTests(EquilibreWebFactory factory)
{
    private const string Guichet = "guichet@demo.equilibre.fr";

    /// <summary>A couple with two children wishing Reims, as the registration form posts it.</summary>
    internal static Dictionary<string, string> Couple(string lastName, string commune = "51454") => new()
    {
        ["Form.Demandeur.Civilite"] = "1",
        ["Form.Demandeur.Nom"] = lastName,
        ["Form.Demandeur.Prenom"] = "Paul",
        ["Form.Demandeur.DateNaissance"] = "1985-04-02",
        ["Form.Demandeur.Nationalite"] = "1",
        ["Form.Demandeur.SituationFamiliale"] = "M",
        ["Form.Demandeur.Courriel"] = "paul@example.org",
        ["Form.Demandeur.AnneeN1"] = "2025",
        ["Form.Demandeur.RevenuN1"] = "25000",
        ["Form.Demandeur.AnneeN2"] = "2024",
        ["Form.Demandeur.RevenuN2"] = "24000",
        ["Form.Demandeur.RessourcesRecues[0].Code"] = "SAL",
        ["Form.Demandeur.RessourcesRecues[0].Montant"] = "1800",
        ["Form.Cotitulaire.Civilite"] = "2",
        ["Form.Cotitulaire.Nom"] = lastName,
        ["Form.Cotitulaire.Prenom"] = "Anne",
        ["Form.Cotitulaire.DateNaissance"] = "1987-06-10",
        ["Form.Cotitulaire.Lien"] = "M",
        ["Form.Cotitulaire.AnneeN2"] = "2024",
        ["Form.Cotitulaire.RevenuN2"] = "12000",
        ["Form.Cotitulaire.RessourcesRecues[2].Code"] = "SAL",
        ["Form.Cotitulaire.RessourcesRecues[2].Montant"] = "900",
        ["Form.PersonnesACharge[0].Prenom"] = "Léa",
        ["Form.PersonnesACharge[0].Nom"] = lastName,
        ["Form.PersonnesACharge[0].DateNaissance"] = "2015-01-01",
        ["Form.PersonnesACharge[0].Sexe"] = "F",
        ["Form.PersonnesACharge[0].Lien"] = "E",
        ["Form.PersonnesACharge[1].Prenom"] = "Tom",
        ["Form.PersonnesACharge[1].Nom"] = lastName,
        ["Form.PersonnesACharge[1].DateNaissance"] = "2018-03-05",
        ["Form.PersonnesACharge[1].Sexe"] = "M",
        ["Form.PersonnesACharge[1].Lien"] = "E",
        ["Form.SituationsActuelles"] = "LP",
        ["Form.Loyer"] = "750",
        ["Form.Motifs"] = "13",
        ["Form.Typologies"] = "T4",
        ["Form.CategorieRecherchee"] = "A",
        ["Form.Communes[0]"] = commune,
        ["Form.Dalo"] = "NON",
    };

    private static async Task<(HttpResponseMessage Response, string Html)> PostFormAsync(HttpClient client, string formPage, Dictionary<string, string> fields)
    {
        var token = Login.TokenFrom(await client.GetStringAsync(formPage));
        fields["__RequestVerificationToken"] = token;
        var response = await client.PostAsync(formPage, new FormUrlEncodedContent(fields));
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    internal static async Task<string> RegisterAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var (response, html) = await PostFormAsync(client, "/demandes/nouvelle", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var numero = Numero().Match(response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(numero.Success, "pas de redirection vers la demande : " + ErrorSummary(html));
        return numero.Groups[1].Value;
    }

    private static string ErrorSummary(string html) =>
        Regex.Match(html, "<div class=\"alert alert-danger\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task Guichet_RegistersThroughTheForm_AndSeesTheDemandWithItsQ1Badge()
    {
        using var client = await Login.AsAsync(factory, Guichet);

        var (response, html) = await PostFormAsync(client, "/demandes/nouvelle", Couple("Formulaire"));

        var numero = Numero().Match(response.RequestMessage!.RequestUri!.AbsolutePath).Groups[1].Value;
        Assert.StartsWith("051", numero, StringComparison.Ordinal);
        Assert.Contains($"Demande enregistrée sous le numéro unique {numero}", html, StringComparison.Ordinal);
        Assert.Matches("id=\"badge-q1\">(Premier quartile|Hors premier quartile)<", html);
        Assert.Contains("seuil 2026 de l'EPCI : 10\u202f154 €", html, StringComparison.Ordinal);
        Assert.Contains("4 personne(s) à loger dont 2 à charge", html, StringComparison.Ordinal);
        Assert.Contains("règle non confirmée, paramétrable", html, StringComparison.Ordinal);
        Assert.Contains("Reims", html, StringComparison.Ordinal);
        Assert.Contains("Enregistrement", html, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/demandes?texte=formulaire&statut=tous"));
        Assert.Contains($"href=\"/demandes/{numero}\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldErrors_AreShownNextToTheirFields_AndNothingIsRegistered()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var fields = Couple("Erreur");
        fields["Form.Demandeur.Nom"] = "";
        fields["Form.Communes[0]"] = "99999";

        var (response, html) = await PostFormAsync(client, "/demandes/nouvelle", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/demandes/nouvelle", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("<a class=\"alert-link\" href=\"#demandeur-nom\">le nom est obligatoire</a>", html, StringComparison.Ordinal);
        Assert.Matches("class=\"form-control is-invalid\" id=\"demandeur-nom\"[^>]*aria-describedby=\"demandeur-nom-erreur\"", html);
        Assert.Contains("id=\"demandeur-nom-erreur\">le nom est obligatoire</div>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"logementRecherche-localisationSouhaitee-1-erreur\">« 99999 » n'est pas un code commune INSEE", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Anne\"", html, StringComparison.Ordinal); // what was typed is kept
    }

    [Fact]
    public async Task UnreadableNumber_IsShownOnItsField()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var fields = Couple("Illisible");
        fields["Form.Loyer"] = "abc";

        var (_, html) = await PostFormAsync(client, "/demandes/nouvelle", fields);

        Assert.Contains("<a class=\"alert-link\" href=\"#logementActuel-montantMensuelLoyer\">valeur « abc » non reconnue", html, StringComparison.Ordinal);
        Assert.Contains("id=\"logementActuel-montantMensuelLoyer-erreur\">valeur « abc » non reconnue", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BailleurOfAnotherTerritory_GetsNotFound_OnThePageAndTheApi()
    {
        using var guichet = await Login.AsAsync(factory, Guichet);
        var numero = await RegisterAsync(guichet, Couple("Aube", commune: "10387")); // Troyes
        using var bailleurMarne = await Login.AsAsync(factory, "bailleur@demo.equilibre.fr");

        Assert.Equal(HttpStatusCode.OK, (await guichet.GetAsync($"/demandes/{numero}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bailleurMarne.GetAsync($"/demandes/{numero}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bailleurMarne.GetAsync($"/api/v1/demandes/{numero}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bailleurMarne.GetAsync($"/api/v1/demandes/{numero}/historique")).StatusCode);
        var list = await bailleurMarne.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?texte={numero}&statut=tous");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BailleurOfTheTerritory_ReadsTheDemand_WithoutTheGuichetActions()
    {
        using var guichet = await Login.AsAsync(factory, Guichet);
        var numero = await RegisterAsync(guichet, Couple("Lecture"));
        using var bailleur = await Login.AsAsync(factory, "bailleur@demo.equilibre.fr");

        var html = WebUtility.HtmlDecode(await bailleur.GetStringAsync($"/demandes/{numero}"));

        Assert.Contains(numero, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Actions du guichet", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await bailleur.GetAsync($"/demandes/{numero}/modifier")).StatusCode);
    }

    [Fact]
    public async Task Api_CreatesReadsAndListsTheHistory_AndRefusesAStaleVersion()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var file = new
        {
            applicant = new { lastName = "Api", firstName = "Jeanne", birthDate = "1990-02-03", resourcesReceived = new[] { new { code = "SAL", amount = 1500m } } },
            wishes = new { typologies = new[] { "T2" }, category = "A", communes = new[] { "51454" }, extended = false },
        };

        var created = await client.PostAsJsonAsync("/api/v1/demandes", file);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var numero = body.GetProperty("numero").GetString()!;
        Assert.Equal($"/api/v1/demandes/{numero}", created.Headers.Location!.OriginalString);

        var detail = await client.GetAsync($"/api/v1/demandes/{numero}");
        var json = await detail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("\"1\"", detail.Headers.ETag!.Tag);
        Assert.Equal("Api", json.GetProperty("contenu").GetProperty("applicant").GetProperty("lastName").GetString());
        var q1 = json.GetProperty("faits").GetProperty("premierQuartile");
        Assert.Equal(2026, q1.GetProperty("annee").GetInt32());
        Assert.Equal(10154m, q1.GetProperty("seuilEurParUcAn").GetDecimal());
        Assert.Equal(3, json.GetProperty("faits").GetProperty("eligibilite").GetArrayLength());
        Assert.Equal("51454", json.GetProperty("souhaits")[0].GetProperty("commune").GetString());

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/historique");
        Assert.Equal("Registered", history[0].GetProperty("type").GetString());

        var changed = new
        {
            applicant = new { lastName = "Api", firstName = "Jeanne", birthDate = "1990-02-03", phone = "0326000000" },
            wishes = file.wishes,
        };
        var first = await PutAsync(client, numero, changed, "\"1\"");
        var staleHeader = await PutAsync(client, numero, changed with { applicant = changed.applicant with { phone = "0326111111" } }, "\"1\"");
        var stale = await PutAsync(client, numero, new { changed.applicant, changed.wishes, version = 1 }, null); // version in the body
        Assert.Equal(HttpStatusCode.Conflict, staleHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("modifiée par quelqu'un d'autre", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        var invalid = await client.PostAsJsonAsync("/api/v1/demandes", new { applicant = new { lastName = "", firstName = "X" }, wishes = file.wishes });
        var errors = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains(errors.GetProperty("erreurs").EnumerateArray(), e => e.GetProperty("champ").GetString() == "demandeur.nom");

        var radiated = await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif = "RADABA", commentaire = "renonce" });
        Assert.Equal(HttpStatusCode.OK, radiated.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string numero, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/demandes/{numero}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task StaleVersion_OnTheModificationForm_ShowsTheConflictMessage()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var numero = await RegisterAsync(client, Couple("Conflit"));
        var form = $"/demandes/{numero}/modifier";
        Assert.Contains("name=\"Version\" value=\"1\"", await client.GetStringAsync(form), StringComparison.Ordinal);

        var first = Couple("Conflit");
        first["Version"] = "1";
        first["Form.Loyer"] = "800";
        var (_, firstHtml) = await PostFormAsync(client, form, first);
        var second = Couple("Conflit");
        second["Version"] = "1";
        second["Form.Loyer"] = "820";
        var (_, secondHtml) = await PostFormAsync(client, form, second);

        Assert.Contains("Demande modifiée : modification : logement actuel", firstHtml, StringComparison.Ordinal);
        Assert.Contains("modifiée par quelqu'un d'autre depuis l'ouverture du formulaire (version 2)", secondHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"conflit\"", secondHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModifyingThroughTheForm_KeepsTheCotitulairesTheFormDoesNotShow()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var file = new
        {
            applicant = new { lastName = "Trio", firstName = "Anne", birthDate = "1980-02-03" },
            coApplicants = new[]
            {
                new { lastName = "Trio", firstName = "Luc", birthDate = "1979-05-06", linkToApplicant = "M" },
                new { lastName = "Durand", firstName = "Éric", birthDate = "1985-01-01", linkToApplicant = "L" },
            },
            wishes = new { typologies = new[] { "T4" }, category = "A", communes = new[] { "51454" }, extended = false },
        };
        var created = await client.PostAsJsonAsync("/api/v1/demandes", file);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var numero = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numero").GetString()!;

        var formPage = $"/demandes/{numero}/modifier";
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(formPage));
        Assert.Contains("Éric Durand) sont conservés tels quels", html, StringComparison.Ordinal);
        var fields = Couple("Trio");
        fields["Form.Demandeur.Prenom"] = "Anne";
        fields["Version"] = "1";
        var (_, after) = await PostFormAsync(client, formPage, fields);
        Assert.Contains("Demande modifiée", after, StringComparison.Ordinal);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        var co = detail.GetProperty("contenu").GetProperty("coApplicants");
        Assert.Equal(2, co.GetArrayLength());
        Assert.Equal("Durand", co[1].GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task Guichet_RadiatesWithAReason_AndUnradiates_TheHistoryRecordsBoth()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var numero = await RegisterAsync(client, Couple("Radiation"));
        var page = $"/demandes/{numero}";

        var token = Login.TokenFrom(await client.GetStringAsync(page));
        var radiated = WebUtility.HtmlDecode(await (await client.PostAsync($"{page}?handler=radier", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["motif"] = "RADABA",
            ["version"] = "1",
        }))).Content.ReadAsStringAsync());
        var unradiated = WebUtility.HtmlDecode(await (await client.PostAsync($"{page}?handler=deradier", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["motif"] = "radiation par erreur",
            ["version"] = "2",
        }))).Content.ReadAsStringAsync());

        Assert.Contains("renonciation du demandeur", radiated, StringComparison.Ordinal);
        Assert.Contains("Déradier la demande", radiated, StringComparison.Ordinal);
        Assert.Contains("Déradiée le", unradiated, StringComparison.Ordinal);
        Assert.Contains("radiation par erreur", unradiated, StringComparison.Ordinal);
    }

    private static async Task<string> PostActionAsync(HttpClient client, string page, string handler)
    {
        var token = Login.TokenFrom(await client.GetStringAsync(page));
        var response = await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Moves a demand's expiry (the app runs on the real clock; the registry has no other way to age a demand in a test).</summary>
    private async Task SetExpiryAsync(string numero, int daysFromToday)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Equilibre.Features.Data.EquilibreDb>();
        var demand = await db.Demands.SingleAsync(d => d.Numero == numero);
        demand.ExpiresOn = Equilibre.Features.FrenchTime.Today(TimeProvider.System).AddDays(daysFromToday);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task RenewalRoutine_RecordsTheNotices_ThenRadiatesTheExpiredDemands()
    {
        using var client = await Login.AsAsync(factory, Guichet);
        var numero = await RegisterAsync(client, Couple("Echeance"));
        await SetExpiryAsync(numero, 10);

        var due = WebUtility.HtmlDecode(await client.GetStringAsync("/demandes/a-renouveler"));
        Assert.Matches($"{numero}</a>.*?avis à envoyer", Regex.Replace(due, "\\s+", " "));
        var noticed = await PostActionAsync(client, "/demandes/a-renouveler", "avis");
        Assert.Matches($"{numero}</a>.*?avis envoyé le", Regex.Replace(noticed, "\\s+", " "));

        await SetExpiryAsync(numero, -1);
        var radiated = await PostActionAsync(client, "/demandes/a-renouveler", "radier");
        Assert.Contains("radiée(s) pour non-renouvellement", radiated, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/demandes/{numero}"));
        Assert.Contains("(non-renouvellement)", page, StringComparison.Ordinal);
        Assert.Contains("Déradier la demande", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/demandes")]
    [InlineData("/demandes/a-renouveler")]
    [InlineData("/demandes/seuils-q1")]
    [InlineData("/demandes/nouvelle")]
    public async Task Pages_OpenForTheGuichet(string path)
    {
        using var client = await Login.AsAsync(factory, Guichet);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("epci@demo.equilibre.fr", "/demandes", HttpStatusCode.OK)]
    [InlineData("etat@demo.equilibre.fr", "/demandes/seuils-q1", HttpStatusCode.OK)]
    [InlineData("bailleur@demo.equilibre.fr", "/demandes/nouvelle", HttpStatusCode.Forbidden)]
    [InlineData("demandeur@demo.equilibre.fr", "/demandes", HttpStatusCode.Forbidden)]
    [InlineData("demandeur@demo.equilibre.fr", "/api/v1/demandes", HttpStatusCode.Forbidden)]
    [InlineData("guichet@demo.equilibre.fr", "/demandes/051000000000000000", HttpStatusCode.NotFound)]
    public async Task Pages_ByRole(string email, string path, HttpStatusCode expected)
    {
        using var client = await Login.AsAsync(factory, email);

        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [GeneratedRegex("^/demandes/([0-9A-Z]+)$")]
    private static partial Regex Numero();
}
