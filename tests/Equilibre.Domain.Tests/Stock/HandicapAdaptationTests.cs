using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>domain.md §7.3, L442-5-2 3° (adapted dwelling no longer needed) and 4° (handicap needing an adapted dwelling).</summary>
public sealed class HandicapAdaptationTests
{
    [Theory]
    [InlineData(true, false, AdaptationMatch.AdaptedNotNeeded, "L442-5-2 3° CCH")]
    [InlineData(false, true, AdaptationMatch.AdaptationNeeded, "L442-5-2 4° CCH")]
    [InlineData(true, true, AdaptationMatch.Consistent, null)]
    [InlineData(false, false, AdaptationMatch.Consistent, null)]
    [InlineData(null, true, AdaptationMatch.Undetermined, null)]
    [InlineData(null, false, AdaptationMatch.Undetermined, null)]
    public void Assess_DwellingAndNeed_Section7_3(bool? adapted, bool needs, AdaptationMatch match, string? reference)
    {
        var a = HandicapAdaptation.Assess(adapted, needs);

        Assert.Equal((match, reference), (a.Match, a.LegalReference));
        Assert.NotEmpty(a.Explanation);
    }
}
