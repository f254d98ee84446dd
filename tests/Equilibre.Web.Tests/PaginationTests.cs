using System.Net;
using System.Text.RegularExpressions;

namespace Equilibre.Web.Tests;

/// <summary>
/// The shared page navigation (<c>_Pagination</c>, <see cref="Pagination"/>) as a list of the demo shows it: the links
/// keep the list's filters, the current page is marked for assistive technologies, and the previous and next links
/// appear where they lead somewhere.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed partial class PaginationTests(EquilibreWebFactory factory)
{
    [Theory]
    [InlineData("epci@demo.equilibre.fr", "/parc/logements?tri=loyer", "Pagination des logements", "tri=loyer")]
    [InlineData("epci@demo.equilibre.fr", "/parc/residences?commune=", "Pagination des résidences", "commune=")]
    [InlineData("epci@demo.equilibre.fr", "/demandes?tri=nom", "Pagination des demandes", "tri=nom")]
    public async Task A_long_list_pages_forward_and_back_keeping_its_filters(string account, string list, string label, string kept)
    {
        using var client = await Login.AsAsync(factory, account);

        var first = WebUtility.HtmlDecode(await client.GetStringAsync(list));
        Assert.Contains($"aria-label=\"{label}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Page précédente", first, StringComparison.Ordinal);
        Assert.Matches(CurrentPage(1), first);
        var next = Assert.Single(NextLink().Matches(first)).Groups[1].Value;
        Assert.Contains(kept, next, StringComparison.Ordinal);

        // Page 2 is shown, not page 1 again ("page" is also a route value of Razor Pages).
        var second = WebUtility.HtmlDecode(await client.GetStringAsync(next));
        Assert.Matches(CurrentPage(2), second);
        Assert.Contains("Page précédente", second, StringComparison.Ordinal);
    }

    private static Regex CurrentPage(int page) => new($"<a class=\"page-link\" href=\"[^\"]*\" aria-current=\"page\">{page}</a>");

    [GeneratedRegex("<a class=\"page-link\" href=\"([^\"]*)\">Page suivante</a>")]
    private static partial Regex NextLink();
}
