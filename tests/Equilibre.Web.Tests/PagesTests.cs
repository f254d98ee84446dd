using System.Net;

namespace Equilibre.Web.Tests;

[Collection(SharedWebApp.Name)]
public sealed class PagesTests(EquilibreWebFactory factory)
{
    private static async Task<string> HtmlAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [Fact]
    public async Task Home_EpciUser_SeesItsEpciWithTheLatestThreshold()
    {
        using var client = await Login.AsAsync(factory, "epci@demo.equilibre.fr");

        var html = await HtmlAsync(client, "/");

        Assert.Contains("CU du Grand Reims", html, StringComparison.Ordinal);
        Assert.Contains("EPCI soumis à la réforme en 2026", html, StringComparison.Ordinal);
        Assert.Contains("10\u202f154", html, StringComparison.Ordinal);
        Assert.Contains("données de démonstration", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_Dreal_SeesTheReformEpcisOfGrandEst()
    {
        using var client = await Login.AsAsync(factory, "etat@demo.equilibre.fr");

        var html = await HtmlAsync(client, "/");

        Assert.Contains("région Grand Est", html, StringComparison.Ordinal);
        Assert.Contains("Eurométropole de Strasbourg", html, StringComparison.Ordinal);
        Assert.Contains("CA Troyes Champagne Métropole", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EpciList_FilteredOnGrandEstReform2026_ListsOnlyThoseEpcis()
    {
        using var client = await Login.AsAsync(factory, "etat@demo.equilibre.fr");

        var html = await HtmlAsync(client, "/territoire/epci?region=44&reforme=2026");

        Assert.Contains("Metz Métropole", html, StringComparison.Ordinal);
        Assert.DoesNotContain("CC du Pays de Bitche", html, StringComparison.Ordinal); // not in the 2026 arrêté
        Assert.Contains("Seuil Q1 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ceilings_ShowTheStatusOfEachValue()
    {
        using var client = await Login.AsAsync(factory, "bailleur@demo.equilibre.fr");

        var html2026 = await HtmlAsync(client, "/territoire/plafonds?annee=2026");
        var html2022 = await HtmlAsync(client, "/territoire/plafonds?annee=2022");

        Assert.Contains("23\u202f403 €", html2026, StringComparison.Ordinal);
        Assert.Contains("dérivé", html2026, StringComparison.Ordinal);
        Assert.Contains("218\u202f805 €", html2022, StringComparison.Ordinal);
        Assert.Contains("21 805 attendu", html2022, StringComparison.Ordinal);
        Assert.Contains("25\u202f093 €", html2026, StringComparison.Ordinal); // PLAI 2026 cat. 4 "autres régions", derived (domain.md §3.5)
        var html2024 = await HtmlAsync(client, "/territoire/plafonds?annee=2024");
        Assert.Contains("non connu pour 2024", html2024, StringComparison.Ordinal); // no PLAI 2024 in the sources: never carried forward
    }

    [Fact]
    public async Task Commune_WithoutImportedQpv_SaysHowToImportThem()
    {
        using var client = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");

        // Tinqueux: the demo places its quartiers on Reims and Troyes only (SeedStockDemo).
        var html = await HtmlAsync(client, "/territoire/commune/51573");

        Assert.Contains("Tinqueux", html, StringComparison.Ordinal);
        Assert.Contains("equilibre import qpv", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administration_Reimport_RunsAsAJobThatReportsItIsIdempotent()
    {
        using var client = await Login.AsAsync(factory, "admin@demo.equilibre.fr");
        var page = await client.GetStringAsync("/administration/imports");

        var response = await client.PostAsync("/administration/imports", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Login.TokenFrom(page) }));

        var jobPage = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/administration/travaux/", jobPage, StringComparison.Ordinal);
        var status = await WaitForJobAsync(client, jobPage["/administration/travaux/".Length..]);
        Assert.False(status.GetProperty("echec").GetBoolean());
        var message = status.GetProperty("message").GetString();
        Assert.Contains("Communes et EPCI : 36370 lues, 0 créées, 0 mises à jour, 36370 inchangées.", message, StringComparison.Ordinal);
        Assert.Contains("Seuils du premier quartile : 1391 lues, 0 créées", message, StringComparison.Ordinal);
        var finished = await HtmlAsync(client, jobPage);
        Assert.Contains("Voir les rapports", finished, StringComparison.Ordinal);
    }

    // Bounded wait for a background job (no assertion on time: the bound only stops a hung test).
    private static async Task<System.Text.Json.JsonElement> WaitForJobAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, $"/api/v1/travaux/{id}");
            if (status.GetProperty("termine").GetBoolean())
            {
                return status;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("le travail ne s'est pas terminé en 2 minutes");
    }

}
