using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Equilibre.Web.Tests;

[Collection(SharedWebApp.Name)]
public sealed class AuthorisationTests(EquilibreWebFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/territoire/epci")]
    [InlineData("/territoire/epci/200067213")]
    [InlineData("/territoire/commune/51454")]
    [InlineData("/territoire/plafonds")]
    [InlineData("/organisations")]
    [InlineData("/administration/imports")]
    public async Task Anonymous_Page_IsSentToTheLoginPage(string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connexion", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, HttpStatusCode> RolePages => new()
    {
        { "epci@demo.equilibre.fr", "/territoire/epci/200067213", HttpStatusCode.OK },
        { "epci@demo.equilibre.fr", "/organisations", HttpStatusCode.OK },
        { "epci@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "bailleur@demo.equilibre.fr", "/territoire/plafonds", HttpStatusCode.OK },
        { "bailleur@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "reservataire@demo.equilibre.fr", "/territoire/epci", HttpStatusCode.OK },
        { "reservataire@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "guichet@demo.equilibre.fr", "/territoire/commune/51454", HttpStatusCode.OK },
        { "guichet@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "caleol@demo.equilibre.fr", "/organisations", HttpStatusCode.OK },
        { "caleol@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "etat@demo.equilibre.fr", "/territoire/epci?region=44&reforme=2026", HttpStatusCode.OK },
        { "etat@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "demandeur@demo.equilibre.fr", "/", HttpStatusCode.OK },
        { "demandeur@demo.equilibre.fr", "/territoire/epci", HttpStatusCode.Forbidden },
        { "demandeur@demo.equilibre.fr", "/organisations", HttpStatusCode.Forbidden },
        { "demandeur@demo.equilibre.fr", "/administration/imports", HttpStatusCode.Forbidden },
        { "admin@demo.equilibre.fr", "/administration/imports", HttpStatusCode.OK },
        { "admin@demo.equilibre.fr", "/organisations", HttpStatusCode.OK },
        { "epci@demo.equilibre.fr", "/territoire/epci/000000000", HttpStatusCode.NotFound },
        { "epci@demo.equilibre.fr", "/territoire/commune/99999", HttpStatusCode.NotFound },
        { "admin@demo.equilibre.fr", "/administration/imports/999999", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(RolePages))]
    public async Task Role_Page_ReachesItsPagesAndIsRefusedElsewhere(string email, string path, HttpStatusCode expected)
    {
        using var client = await Login.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("Accès refusé", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_WrongPassword_SaysSoInFrenchWithoutSayingWhichPart()
    {
        using var client = factory.CreateClient();

        var response = await Login.PostAsync(client, "bailleur@demo.equilibre.fr", "mauvais-mot-de-passe");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Se déconnecter", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@demo.equilibre.fr",
            ["Password"] = Login.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
