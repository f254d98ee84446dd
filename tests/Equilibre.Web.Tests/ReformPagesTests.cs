using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Equilibre.Web.Tests;

[Collection(SharedWebApp.Name)]
public sealed class ReformPagesTests(EquilibreWebFactory factory)
{
    private static async Task<HttpResponseMessage> PostStatusAsync(HttpClient client, string siren, string cilDate, string reference)
    {
        var page = await client.GetStringAsync($"/reforme/epci/{siren}");
        var token = Login.TokenFrom(page);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Note"] = "test" };
        // an editable page has the form; a read-only page has none, so post the fields the form would have
        form["Entries[0].Code"] = "cil_creee";
        form["Entries[0].Statut"] = "oui";
        form["Entries[0].Date"] = cilDate;
        form["Entries[0].Reference"] = reference;
        return await client.PostAsync($"/reforme/epci/{siren}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task DdtUser_CannotEditAnEpciOfAnotherDepartement()
    {
        using var client = await Login.AsAsync(factory, "ddt@demo.equilibre.fr");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/reforme/epci/200069250"));
        var response = await PostStatusAsync(client, "200069250", "2017-03-01", "arrêté de la DDT de la Marne");

        Assert.DoesNotContain("<form method=\"post\">", page, StringComparison.Ordinal);
        Assert.Contains("relève de la DDT du département 10", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/reforme/epci/200069250");
        Assert.DoesNotContain(status.GetProperty("historique").EnumerateArray(), h => h.GetProperty("reference").GetString() == "arrêté de la DDT de la Marne");
    }

    [Fact]
    public async Task DdtUser_EditsAnEpciOfItsDepartement_AndTheHistoryKeepsThePreviousState()
    {
        using var client = await Login.AsAsync(factory, "ddt@demo.equilibre.fr");
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/reforme/epci/200067213")).GetProperty("historique").GetArrayLength();

        var response = await PostStatusAsync(client, "200067213", "2016-05-10", "arrêté préfectoral n° 2016-DDT-51-042");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changement(s) enregistré(s)", html, StringComparison.Ordinal);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/reforme/epci/200067213");
        Assert.Equal(before + 1, after.GetProperty("historique").GetArrayLength());
        var cil = after.GetProperty("statuts").EnumerateArray().Single(s => s.GetProperty("instrument").GetString() == "cil_creee");
        Assert.Equal("2016-05-10", cil.GetProperty("dateActe").GetString());
    }

    [Fact]
    public async Task DdtUser_InvalidDate_IsRefusedWithTheRule()
    {
        using var client = await Login.AsAsync(factory, "ddt@demo.equilibre.fr");

        var response = await PostStatusAsync(client, "200067213", "2013-01-01", "arrêté ancien");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("précède la loi ALUR du 24/03/2014", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bailleur@demo.equilibre.fr", "/reforme", HttpStatusCode.OK)]
    [InlineData("bailleur@demo.equilibre.fr", "/reforme/import", HttpStatusCode.Forbidden)]
    [InlineData("demandeur@demo.equilibre.fr", "/reforme", HttpStatusCode.Forbidden)]
    [InlineData("etat@demo.equilibre.fr", "/reforme/import", HttpStatusCode.OK)]
    [InlineData("etat@demo.equilibre.fr", "/reforme/national", HttpStatusCode.OK)]
    [InlineData("etat@demo.equilibre.fr", "/reforme/epci?date=2026-06-15&region=44&instrument=cia_signee&en_place=oui", HttpStatusCode.OK)]
    [InlineData("epci@demo.equilibre.fr", "/reforme/epci/000000000", HttpStatusCode.NotFound)]
    public async Task ReformPages_ByRole(string email, string path, HttpStatusCode expected)
    {
        using var client = await Login.AsAsync(factory, email);

        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task RatesApi_GrandEst_AgreesWithTheDashboard()
    {
        using var anonymous = factory.CreateClient();
        using var dreal = await Login.AsAsync(factory, "etat@demo.equilibre.fr");

        var api = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/reforme/taux?region=44&date=2026-06-15");
        var html = WebUtility.HtmlDecode(await dreal.GetStringAsync("/reforme?region=44&date=2026-06-15"));

        var cil = api.GetProperty("instruments").EnumerateArray().First();
        Assert.Equal("cil_creee", cil.GetProperty("instrument").GetString());
        Assert.Equal(42, cil.GetProperty("soumis").GetInt32()); // EPCIs of Grand Est in the 2026 arrêté
        var percent = cil.GetProperty("tauxPourcent").GetDecimal().ToString("0.0", Equilibre.Domain.French.Culture) + " %";
        Assert.Contains(percent, html, StringComparison.Ordinal);
        Assert.Contains("les 42 EPCI cités dans l'arrêté du premier quartile de 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Xlsx_IsAnOfficeFileWithAName()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/reforme/export?format=xlsx&region=44&date=2026-06-15");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("reforme-2026-06-15.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/reforme/export?format=pdf")).StatusCode);
    }
}
