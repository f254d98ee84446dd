using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Equilibre.Web.Tests;

/// <summary>
/// <c>/api/v1/chiffres-cles</c> (issue 8, domain.md §11.3): anonymous, JSON with every figure dated and sourced, the
/// secret rule below 11 households, French problems for an unknown territory (404) or a bad request (400), and its
/// OpenAPI summary in French. The demo replays two months of attributions in the Grand Reims.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class KeyFiguresApiTests(EquilibreWebFactory factory)
{
    [Fact]
    public async Task France_Anonymous_GivesEveryFigureDatedAndSourced()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/chiffres-cles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("france", "France"), (doc.GetProperty("perimetre").GetString(), doc.GetProperty("nom").GetString()));
        var chiffres = doc.GetProperty("chiffres").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(
            ["demandes-actives", "demandes-mutation", "baux-signes", "pression", "anciennete-mediane", "part-prioritaires", "T1", "T2", "logements", "part-qpv", "taux-vacance"],
            chiffres.Keys);
        Assert.All(chiffres.Values, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("date").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("source").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("affichage").GetString()));
        });
        // The demo registry holds thousands of demands and its stock thousands of dwellings: shown, not masked.
        Assert.True(chiffres["demandes-actives"].GetProperty("valeur").GetDecimal() > 1000);
        Assert.True(chiffres["logements"].GetProperty("valeur").GetDecimal() > 1000);
    }

    [Fact]
    public async Task Epci_SmallOrUnknown_MasksUnder11AndAnswersFrenchProblems()
    {
        using var client = factory.CreateClient();

        // Brest Métropole has no demo demand: « moins de 11 ménages », masked, never 0.
        var brest = JsonDocument.Parse(await client.GetStringAsync("/api/v1/chiffres-cles?epci=242900314&annee=2026")).RootElement;
        Assert.Equal("Brest Métropole", brest.GetProperty("nom").GetString());
        var actives = brest.GetProperty("chiffres").EnumerateArray().First(c => c.GetProperty("code").GetString() == "demandes-actives");
        Assert.Equal(JsonValueKind.Null, actives.GetProperty("valeur").ValueKind);
        Assert.True(actives.GetProperty("masque").GetBoolean());
        Assert.Equal("moins de 11 ménages", actives.GetProperty("affichage").GetString());

        // (query, status, words of the French problem)
        (string Query, HttpStatusCode Status, string Words)[] cases =
        [
            ("epci=123456789", HttpStatusCode.NotFound, "Aucun EPCI de SIREN « 123456789 »"),
            ("departement=99", HttpStatusCode.NotFound, "Aucun département de code « 99 »"),
            ("annee=deux", HttpStatusCode.BadRequest, "annee « deux »"),
            ("annee=1999", HttpStatusCode.BadRequest, "Année 1999 invalide"),
            ("region=44&epci=200067213", HttpStatusCode.BadRequest, "Un seul territoire à la fois"),
        ];
        foreach (var c in cases)
        {
            var response = await client.GetAsync("/api/v1/chiffres-cles?" + c.Query);
            Assert.Equal(c.Status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(c.Words, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenApi_DescribesTheEndpointInFrench()
    {
        using var client = factory.CreateClient();

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var get = openApi.GetProperty("paths").GetProperty("/api/v1/chiffres-cles").GetProperty("get");
        Assert.StartsWith("Chiffres clés publics d'un territoire", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }
}
