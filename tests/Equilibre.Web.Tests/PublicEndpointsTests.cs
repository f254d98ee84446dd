using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Equilibre.Web.Tests;

[Collection(SharedWebApp.Name)]
public sealed class PublicEndpointsTests(EquilibreWebFactory factory)
{
    [Fact]
    public async Task Health_Anonymous_ReportsTheDatabase()
    {
        using var client = factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("ok", health.GetProperty("statut").GetString());
        Assert.Equal("sqlite", health.GetProperty("base").GetString());
        Assert.Equal(34969, health.GetProperty("communes").GetInt32());
    }

    [Fact]
    public async Task EpciApi_Anonymous_ReturnsCommunesAndThresholdsByYear()
    {
        using var client = factory.CreateClient();

        var epci = await client.GetFromJsonAsync<JsonElement>("/api/v1/territoire/epci/200069250");

        Assert.Equal("CA Troyes Champagne Métropole", epci.GetProperty("nom").GetString());
        Assert.Equal(81, epci.GetProperty("communes").GetArrayLength()); // 81 communes, as the source document says
        var seuils = epci.GetProperty("seuils").EnumerateArray().ToDictionary(s => s.GetProperty("annee").GetInt32());
        Assert.Equal([2024, 2025, 2026], seuils.Keys.Order());
        Assert.Equal(8123m, seuils[2026].GetProperty("seuilEurParUcAn").GetDecimal());
        Assert.True(seuils[2026].GetProperty("soumisALaReforme").GetBoolean());
        Assert.Contains("23 avril 2026", seuils[2026].GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EpciApi_UnknownSiren_Is404WithAFrenchExplanation()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/territoire/epci/123456789");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Aucun EPCI ou EPT de SIREN « 123456789 »", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommunesGeoJson_GrandReims_HasAFeaturePerCommuneWithABoundary()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/territoire/epci/200067213/communes");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var geo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var drawn = geo.GetProperty("features").GetArrayLength();
        var missing = geo.GetProperty("sansContour").GetArrayLength();
        Assert.Equal(143, drawn + missing); // the 143 member communes of the COG 2026
        Assert.True(drawn > 130, $"{drawn} contours seulement");
    }

    [Fact]
    public async Task OpenApi_Anonymous_DescribesTheTerritoryApi()
    {
        using var client = factory.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/territoire/epci/{siren}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_UsesFingerprintedAssetsFromNpm()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/connexion");

        Assert.Matches("\"/lib/bootstrap/css/bootstrap.min.[a-z0-9]{10}.css\"", html);
        Assert.Contains("lang=\"fr\"", html, StringComparison.Ordinal);
        var css = await client.GetAsync("/lib/bootstrap/css/bootstrap.min.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task LoginPage_ValidationMessagesAreInFrench()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/connexion");

        // ASP.NET Core adds a required rule to every non-nullable field, in English unless told (FrenchValidationMessages).
        Assert.DoesNotContain("field is required", html, StringComparison.Ordinal);
        Assert.Contains("data-val-required=\"Le champ « Adresse électronique » est obligatoire.\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SendAStrictContentSecurityPolicy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/connexion");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
