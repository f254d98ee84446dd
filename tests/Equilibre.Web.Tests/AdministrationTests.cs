using System.Net;

namespace Equilibre.Web.Tests;

[Collection(SharedWebApp.Name)]
public sealed class AdministrationTests(EquilibreWebFactory factory)
{
    [Fact]
    public async Task Administrator_CreatesAnOrganisationAndAUser_WhoThenLogsInAndSeesItsTerritory()
    {
        using var admin = await Login.AsAsync(factory, "admin@demo.equilibre.fr");
        var page = await admin.GetStringAsync("/administration/organisations");
        var created = await admin.PostAsync("/administration/organisations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Login.TokenFrom(page),
            ["Input.Name"] = "Épernay Habitat (test)",
            ["Input.Kind"] = "Bailleur",
            ["Input.DepartementCode"] = "51",
        }));
        var organisations = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        Assert.Contains("Organisation « Épernay Habitat (test) » créée.", organisations, StringComparison.Ordinal);
        var organisationId = System.Text.RegularExpressions.Regex.Match(
            WebUtility.HtmlDecode(await admin.GetStringAsync("/administration/utilisateurs")), "<option value=\"(\\d+)\">Épernay Habitat \\(test\\)</option>").Groups[1].Value;

        var users = await admin.GetStringAsync("/administration/utilisateurs");
        var response = await admin.PostAsync("/administration/utilisateurs", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Login.TokenFrom(users)),
            new("Email", "agent@epernay-habitat.test"),
            new("DisplayName", "Agent Épernay"),
            new("OrganisationId", organisationId),
            new("SelectedRoles", "Bailleur"),
            new("SelectedRoles", "MembreCaleol"),
            new("Password", "Mot-De-Passe-Initial-2026"),
        ]));

        Assert.Contains("Compte « agent@epernay-habitat.test » créé.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var agent = factory.CreateClient();
        var login = await Login.PostAsync(agent, "agent@epernay-habitat.test", "Mot-De-Passe-Initial-2026");
        var home = WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync());
        Assert.Contains("Bonjour Agent Épernay", home, StringComparison.Ordinal);
        Assert.Contains("département Marne (51)", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_WeakPassword_IsRefusedInFrench()
    {
        using var admin = await Login.AsAsync(factory, "admin@demo.equilibre.fr");
        var users = await admin.GetStringAsync("/administration/utilisateurs");

        var response = await admin.PostAsync("/administration/utilisateurs", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Login.TokenFrom(users)),
            new("Email", "faible@exemple.test"),
            new("DisplayName", "Faible"),
            new("SelectedRoles", "Administrateur"),
            new("Password", "Court1!"),
        ]));

        Assert.Contains("Le mot de passe doit contenir au moins 12 caractères.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/administration/organisations")]
    [InlineData("/administration/utilisateurs")]
    public async Task NonAdministrator_IsRefused(string path)
    {
        using var client = await Login.AsAsync(factory, "etat@demo.equilibre.fr");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }
}
