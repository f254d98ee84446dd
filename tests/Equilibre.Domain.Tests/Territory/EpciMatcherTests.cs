using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Territory;

/// <summary>Matching the names of the Q1 arrêtés to EPCI SIREN within the département (shared/data/README.md).</summary>
public sealed class EpciMatcherTests
{
    // Real EPCI of the COG 2026 (SIREN, name, kind, départements of their members).
    private static readonly EpciMatcher Matcher = new(
    [
        new EpciCandidate("200067213", "CU du Grand Reims", "CU", ["51"]),
        new EpciCandidate("200069250", "CA Troyes Champagne Métropole", "CA", ["10"]),
        new EpciCandidate("200068666", "CA du Grand Saint-Dizier Der et Vallées", "CA", ["51", "52"]),
        new EpciCandidate("245400262", "CA Grand Longwy Agglomération", "CA", ["54"]),
        new EpciCandidate("245701362", "CA Portes de France-Thionville", "CA", ["57"]),
        new EpciCandidate("200060473", "CC du Sud", "CC", ["976"]),
        new EpciCandidate("249740085", "CA du Sud", "CA", ["974"]),
        new EpciCandidate("249740093", "CA Intercommunale de la Réunion Est (CIREST)", "CA", ["974"]),
    ]);

    public static TheoryData<string, string, EpciMatchStatus, string?> Rows => new()
    {
        { "51", "CU du Grand Reims", EpciMatchStatus.Matched, "200067213" },
        { "10", "CA Troyes Champagne Métropole", EpciMatchStatus.Matched, "200069250" },
        // an EPCI spanning two départements is listed once per département in the arrêté
        { "51", "CA du Grand Saint-Dizier Der et Vallées", EpciMatchStatus.Matched, "200068666" },
        { "52", "CA du Grand Saint-Dizier Der et Vallées", EpciMatchStatus.Matched, "200068666" },
        // same name in the wrong département: not matched
        { "10", "CU du Grand Reims", EpciMatchStatus.NotFound, null },
        // published "Agglomération du Grand Longwy" (2024, 2026) vs COG "CA Grand Longwy Agglomération"
        { "54", "Agglomération du Grand Longwy", EpciMatchStatus.Matched, "245400262" },
        // renamed EPCI (arrêté 2026): reported, never guessed
        { "57", "Thionville Fensch Agglomération", EpciMatchStatus.NotFound, null },
        // overseas départements are grouped under "97" in the arrêtés
        { "97", "CA Intercommunale de la Réunion Est (CIREST)", EpciMatchStatus.Matched, "249740093" },
        // same normalised name, the legal form decides
        { "97", "CA du Sud", EpciMatchStatus.Matched, "249740085" },
        { "97", "CC du Sud", EpciMatchStatus.Matched, "200060473" },
        // same normalised name and no legal form to decide: ambiguous, reported
        { "97", "Sud", EpciMatchStatus.Ambiguous, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Match_PublishedName_FindsTheEpciOfTheDepartement(string departement, string name, EpciMatchStatus status, string? siren)
    {
        var match = Matcher.Match(departement, name);

        Assert.Equal(status, match.Status);
        Assert.Equal(siren, match.Siren);
        Assert.False(string.IsNullOrWhiteSpace(match.Explanation));
    }

    [Fact]
    public void Match_UnknownName_ExplainsWithTheNormalisedForm()
    {
        var match = Matcher.Match("57", "Thionville Fensch Agglomération");

        Assert.Contains("« thionville fensch »", match.Explanation, StringComparison.Ordinal);
        Assert.Contains("57", match.Explanation, StringComparison.Ordinal);
    }
}
