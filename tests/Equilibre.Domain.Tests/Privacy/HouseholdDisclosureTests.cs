using Equilibre.Domain.Privacy;

namespace Equilibre.Domain.Tests.Privacy;

/// <summary>
/// The 11-household rule (domain.md §10.3: the GIP SNE cartography of the OPS never aggregates fewer than 11
/// households): primary masking of small groups, masking of every share derived from them, secondary masking when the
/// total minus the shown parts would reveal a small group.
/// </summary>
public sealed class HouseholdDisclosureTests
{
    [Theory]
    [InlineData(0, null, "moins de 11 ménages")] // "no household" is a figure about the group too
    [InlineData(1, null, "moins de 11 ménages")]
    [InlineData(10, null, "moins de 11 ménages")] // the last masked size
    [InlineData(11, 11, "11")] // the first shown size
    [InlineData(1250, 1250, "1 250")]
    public void Households_ShownFromElevenHouseholds(int households, int? shown, string display)
    {
        var count = HouseholdDisclosure.Households(households);

        Assert.Equal((shown, display, shown is null), (count.Value, count.Display.Replace('\u202F', ' ').Replace('\u00A0', ' '), count.Masked));
        Assert.Equal(shown is null, count.Explanation?.Contains("11 ménages", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(27, 10, true)] // 27 persons of 10 households: masked with its group, however many persons
    [InlineData(3, 11, false)] // 3 persons of a shown group: shown
    public void Of_FollowsTheGroupNotTheCount(int count, int groupHouseholds, bool masked) =>
        Assert.Equal(masked, HouseholdDisclosure.Of(count, groupHouseholds).Masked);

    [Theory]
    [InlineData(5, 10, null, null, true)] // share of a masked group: masked
    [InlineData(0, 10, null, null, true)]
    [InlineData(1, 11, null, "9.1", false)] // 1 of 11 = 9,1 %
    [InlineData(8, 14, null, "57.1", false)] // 8 of 14 = 57,1 %
    [InlineData(1, 16, null, "6.3", false)] // 6,25 → 6,3 (half away from zero)
    [InlineData(9, 11, 33, "27.3", false)] // persons: 9 of 33 persons, group of 11 households
    [InlineData(2, 9, 33, null, true)] // persons of a group of 9 households: masked
    public void Share_MaskedWithItsGroup(int part, int group, int? denominator, string? percent, bool masked)
    {
        var share = HouseholdDisclosure.Share(part, group, denominator);

        Assert.Equal((masked, percent is null ? (decimal?)null : decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)), (share.Masked, share.Percent));
        if (masked)
        {
            Assert.Equal(HouseholdDisclosure.MaskedLabel, share.Display);
        }
    }

    public static TheoryData<string, int, int[], string[]> SplitRows => new()
    {
        // total, parts → display of each part ("S" shown, "P" primary masking, "2" secondary masking)
        { "total masqué : tout est masqué", 9, [5], ["P"] },
        { "une partie et son complément ≥ 11 : tout est montré", 30, [12], ["S"] },
        { "partie < 11, complément ≥ 11 : la partie seule est masquée", 25, [6], ["P"] },
        { "partie ≥ 11 mais complément 4 : masquage secondaire", 15, [11], ["2"] },
        { "parties couvrant le total, une seule < 11 : la plus petite des autres aussi", 40, [5, 12, 23], ["P", "2", "S"] },
        { "deux petites parties masquées ensemble ≥ 11 : rien de plus", 40, [5, 6, 29], ["P", "P", "S"] },
        { "deux petites parties dont la somme < 11 : on masque encore", 40, [3, 4, 33], ["P", "P", "2"] },
        { "reste non listé de 0 : aucune différence à protéger", 33, [11, 22], ["S", "S"] },
    };

    [Theory]
    [MemberData(nameof(SplitRows))]
    public void Split_NoPartCanBeDerivedBySubtraction(string name, int total, int[] parts, string[] expected)
    {
        var (shownTotal, result) = HouseholdDisclosure.Split(total, [.. parts.Select((p, i) => ($"partie {i + 1}", p))]);

        var codes = result.Select(p => p.SecondaryMasking ? "2" : p.Households.Masked ? "P" : "S").ToArray();
        Assert.True(expected.SequenceEqual(codes), $"{name} : attendu {string.Join(",", expected)}, obtenu {string.Join(",", codes)}");
        Assert.Equal(total < HouseholdDisclosure.MinimumHouseholds, shownTotal.Masked);

        // Whatever is shown, the households not covered by a shown part are none or at least 11.
        var hidden = total - result.Where(p => !p.Households.Masked).Sum(p => p.Households.Value!.Value);
        Assert.True(shownTotal.Masked || hidden == 0 || hidden >= HouseholdDisclosure.MinimumHouseholds, name);
    }

    [Fact]
    public void Split_SecondaryMasking_SaysWhy()
    {
        var (_, parts) = HouseholdDisclosure.Split(15, [("emménagés récents", 11)]);

        Assert.Contains("masquage secondaire", parts[0].Households.Explanation, StringComparison.Ordinal);
        Assert.Equal("masqué", parts[0].Households.Display);
    }
}
