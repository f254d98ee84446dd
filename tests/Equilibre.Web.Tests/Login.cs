using System.Net;
using System.Text.RegularExpressions;

namespace Equilibre.Web.Tests;

/// <summary>Logs an HttpClient in through the French login form, antiforgery token included.</summary>
public static partial class Login
{
    public const string Password = Equilibre.Features.Demo.DemoAccounts.Password;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password = Password)
    {
        var token = TokenFrom(await client.GetStringAsync("/connexion"));
        return await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<HttpClient> AsAsync(EquilibreWebFactory factory, string email)
    {
        var client = factory.CreateClient();
        var response = await PostAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Se déconnecter", html, StringComparison.Ordinal);
        return client;
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string TokenFrom(string html) => Token().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
