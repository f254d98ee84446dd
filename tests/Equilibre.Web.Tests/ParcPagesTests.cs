using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Web.Tests;

/// <summary>
/// The stock pages and <c>/api/v1/parc</c> (issue 4 item 7): a bailleur never sees another bailleur's dwellings — in
/// the lists, by id on the dwelling page, in the API — and an EPCI user sees its territory only. Two test bailleurs
/// (test SIRENs, the demo bailleurs have none) import their own small RPLS files as the import page does.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class ParcPagesTests(EquilibreWebFactory factory)
{
    private const string BailleurA = "parc.bailleur.a@test.equilibre.fr";
    private const string BailleurB = "parc.bailleur.b@test.equilibre.fr";
    private const string Epci = "parc.epci@test.equilibre.fr";

    private const string Header = "IDENT_REP;DEPCOM;LIBCOM;NUMVOIE;TYPVOIE;NOMVOIE;NBPIECE;SURFHAB;FINAN;MODE;LOYERPRINC;EPCI;DEP;REG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<EquilibreWebFactory, IReadOnlyDictionary<string, long>> Worlds = [];

    /// <summary>Creates the two bailleurs, the EPCI and their users once, and imports their stock; dwelling ids by RPLS identifier.</summary>
    private async Task<IReadOnlyDictionary<string, long>> StockAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Worlds.TryGetValue(factory, out var known))
            {
                return known;
            }

            using var scope = factory.Services.CreateScope();
            var services = scope.ServiceProvider;
            async Task<long> Organisation(string name, OrganisationKind kind, string? siren, string? epci, string? departement)
            {
                var r = await services.GetRequiredService<CreateOrganisation>().HandleAsync(new(name, kind, siren, null, departement, epci, null), CurrentUser.CommandLine);
                Assert.True(r.Id is not null, string.Join(" ; ", r.Errors));
                return r.Id!.Value;
            }

            async Task User(string email, long organisation, string role)
            {
                var r = await services.GetRequiredService<CreateUser>().HandleAsync(new(email, email, organisation, [role], Login.Password), CurrentUser.CommandLine);
                Assert.True(r.Id is not null, string.Join(" ; ", r.Errors));
            }

            var a = await Organisation("Parc test bailleur A", OrganisationKind.Bailleur, "900000111", null, "51");
            var b = await Organisation("Parc test bailleur B", OrganisationKind.Bailleur, "900000222", null, "51");
            var epci = await Organisation("Parc test EPCI Grand Reims", OrganisationKind.Epci, null, "200067213", null);
            await User(BailleurA, a, Roles.Bailleur);
            await User(BailleurB, b, Roles.Bailleur);
            await User(Epci, epci, Roles.ChargeMissionEpci);

            await ImportAsync(services, a,
                "7100000001;51454;Reims;4;RUE;DU TEST A;3;64;12;1;380,00;200067213;51;44",
                "7100000002;10387;Troyes;9;RUE;DU TEST A;2;45;12;1;310,00;200069250;10;44");
            await ImportAsync(services, b, "7200000001;51454;Reims;6;RUE;DU TEST B;4;80;12;1;450,00;200067213;51;44");

            var db = services.GetRequiredService<Equilibre.Features.Data.EquilibreDb>();
            var ids = db.Dwellings.Where(d => d.RplsId.StartsWith("7100") || d.RplsId.StartsWith("7200")).ToDictionary(d => d.RplsId, d => d.Id);
            Worlds[factory] = ids;
            return ids;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ImportAsync(IServiceProvider services, long organisation, params string[] lines)
    {
        var folder = Path.Combine(Path.GetTempPath(), "equilibre-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "rpls_2025.csv");
        await File.WriteAllTextAsync(file, Header + "\n" + string.Join("\n", lines) + "\n");
        var run = await services.GetRequiredService<ImportRpls>().HandleAsync(new ImportRpls.Request(file, ForOrganisationId: organisation));
        Assert.True(run.Succeeded, run.Failure + string.Join(" | ", run.Issues.Select(i => i.Message)));
    }

    [Fact]
    public async Task Bailleur_NeverSeesAnotherBailleursDwellings_InListsPagesOrApi()
    {
        var ids = await StockAsync();
        using var client = await Login.AsAsync(factory, BailleurA);

        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/parc/logements"));
        Assert.Contains("7100000001", list, StringComparison.Ordinal);
        Assert.Contains("7100000002", list, StringComparison.Ordinal);
        Assert.DoesNotContain("7200000001", list, StringComparison.Ordinal);
        var residences = WebUtility.HtmlDecode(await client.GetStringAsync("/parc/residences"));
        Assert.Contains("4 RUE DU TEST A", residences, StringComparison.Ordinal);
        Assert.DoesNotContain("DU TEST B", residences, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/parc/logement/{ids["7100000001"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/parc/logement/{ids["7200000001"]}")).StatusCode);

        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/parc/logements?taillePage=500");
        var rpls = api.GetProperty("logements").EnumerateArray().Select(l => l.GetProperty("identifiantRpls").GetString()).ToList();
        Assert.Equal(["7100000001", "7100000002"], rpls.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/parc/logements/{ids["7200000001"]}")).StatusCode);
        var own = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parc/logements/{ids["7100000001"]}?personnes=3&aCharge=1&revenu=37584");
        Assert.Equal("plus", own.GetProperty("eligibilite").GetProperty("famillePlafond").GetString());
        Assert.True(own.GetProperty("eligibilite").GetProperty("testMenage")[0].GetProperty("eligible").GetBoolean());
        var residencesApi = await client.GetFromJsonAsync<JsonElement>("/api/v1/parc/residences");
        Assert.Equal(2, residencesApi.GetProperty("total").GetInt32());
        var synthese = await client.GetFromJsonAsync<JsonElement>("/api/v1/parc/synthese");
        Assert.Equal(2, synthese.GetProperty("total").GetProperty("logements").GetInt32());

        using var other = await Login.AsAsync(factory, BailleurB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/parc/logement/{ids["7100000001"]}")).StatusCode);
        Assert.DoesNotContain("7100000001", await other.GetStringAsync("/api/v1/parc/logements"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EpciUser_SeesItsTerritoryOnly_EveryBailleurInIt()
    {
        var ids = await StockAsync();
        using var client = await Login.AsAsync(factory, Epci);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/parc/logement/{ids["7100000001"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/parc/logement/{ids["7200000001"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/parc/logement/{ids["7100000002"]}")).StatusCode); // Troyes
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/parc/logements/{ids["7100000002"]}")).StatusCode);

        var troyes = await client.GetFromJsonAsync<JsonElement>("/api/v1/parc/logements?commune=10387");
        Assert.Equal(0, troyes.GetProperty("total").GetInt32());
        var overview = WebUtility.HtmlDecode(await client.GetStringAsync("/parc"));
        Assert.Contains("le parc du territoire de Parc test EPCI Grand Reims", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Troyes", overview, StringComparison.Ordinal);

        // An EPCI reads; it does not import.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/parc/import")).StatusCode);
    }

    [Fact]
    public async Task DwellingPage_ShowsTheEligibilityPanelAndChecksAHousehold()
    {
        var ids = await StockAsync();
        using var client = await Login.AsAsync(factory, BailleurA);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/parc/logement/{ids["7100000001"]}?personnes=3&aCharge=1&revenu=37585"));

        Assert.Contains("Qui peut habiter ce logement ?", html, StringComparison.Ordinal);
        Assert.Contains("zone « Autres régions »", html, StringComparison.Ordinal);
        Assert.Contains("37 584 €", html.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Contains("Non éligible", html, StringComparison.Ordinal);
        Assert.Contains("Ménages types du premier quartile", html, StringComparison.Ordinal);
        Assert.Contains("id=\"menages-q1\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guichet@demo.equilibre.fr", "/parc/import", HttpStatusCode.Forbidden)]
    [InlineData("demandeur@demo.equilibre.fr", "/parc", HttpStatusCode.Forbidden)]
    [InlineData("demandeur@demo.equilibre.fr", "/api/v1/parc/logements", HttpStatusCode.Forbidden)]
    [InlineData("reservataire@demo.equilibre.fr", "/parc/import", HttpStatusCode.Forbidden)]
    [InlineData("reservataire@demo.equilibre.fr", "/parc/logements", HttpStatusCode.OK)]
    [InlineData("etat@demo.equilibre.fr", "/parc/import", HttpStatusCode.OK)]
    [InlineData("bailleur@demo.equilibre.fr", "/parc/import", HttpStatusCode.OK)]
    [InlineData("admin@demo.equilibre.fr", "/parc/import", HttpStatusCode.OK)]
    [InlineData("admin@demo.equilibre.fr", "/parc/logement/999999999", HttpStatusCode.NotFound)]
    public async Task Role_ReachesTheStockPagesItMay(string email, string path, HttpStatusCode expected)
    {
        using var client = await Login.AsAsync(factory, email);

        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Guichet_SeesNoStock_AndHasNoNavigationEntry()
    {
        await StockAsync();
        using var client = await Login.AsAsync(factory, "guichet@demo.equilibre.fr");

        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.DoesNotContain("href=\"/parc\"", home, StringComparison.Ordinal);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/parc/logements");
        Assert.Equal(0, api.GetProperty("total").GetInt32());
        Assert.Contains("ne donne pas accès au parc social", WebUtility.HtmlDecode(await client.GetStringAsync("/parc")), StringComparison.Ordinal);

        using var bailleur = await Login.AsAsync(factory, BailleurA);
        Assert.Contains("href=\"/parc\"", await bailleur.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
