using Equilibre.Domain.Applications;

namespace Equilibre.Domain.Tests.Applications;

/// <summary>domain.md §4.2: 12 × monthly resources ÷ UC, strictly below the threshold; local recomputation.</summary>
public sealed class FirstQuartileTests
{
    [Fact]
    public void AnnualResourcesPerUc_CoupleWithTwoChildren_IsTwelveTimesMonthlyOverUnits()
    {
        MonthlyResource[] resources = [new("SAL", 1200m), new("AF", 150m), new("PAV", 100m)];

        var perUc = FirstQuartile.AnnualResourcesPerUc(resources, 2.1m, ResourceSettings.Default, out var explanation);
        var deducted = FirstQuartile.AnnualResourcesPerUc(resources, 2.1m, new ResourceSettings(true, "paramètre local"), out _);

        Assert.Equal(7714.29m, perUc);     // 12 × 1 350 / 2.1
        Assert.Equal(7142.86m, deducted);  // 12 × 1 250 / 2.1
        Assert.Equal(2, explanation.Count);
    }

    [Theory]
    [InlineData("10153.99", true)]
    [InlineData("10154", false)]   // equal to the threshold: not Q1 ("inférieur à")
    [InlineData("10154.01", false)]
    public void Classify_AgainstTheGrandReims2026Threshold(string perUc, bool q1)
    {
        var result = FirstQuartile.Classify(decimal.Parse(perUc, System.Globalization.CultureInfo.InvariantCulture), 10154m, 2026);

        Assert.Equal(q1, result.IsFirstQuartile);
    }

    [Fact]
    public void Classify_UnknownResourcesOrThreshold_IsUndetermined()
    {
        Assert.Null(FirstQuartile.Classify(null, 10154m, 2026).IsFirstQuartile);
        Assert.Null(FirstQuartile.Classify(5000m, null, 2023).IsFirstQuartile);
    }

    [Theory]
    [InlineData(new[] { 4000.0, 9000.0, 12000.0, 20000.0 }, 4000.0, 1)]   // n = 4: rank 1
    [InlineData(new[] { 20000.0, 4000.0, 12000.0, 9000.0, 7000.0 }, 7000.0, 2)] // n = 5: rank 2, order of input irrelevant
    [InlineData(new[] { 8000.0 }, 8000.0, 1)]
    public void Recompute_NearestRankFirstQuartile(double[] values, double expected, int rank)
    {
        var result = FirstQuartile.Recompute(values.Select(v => (decimal)v));

        Assert.Equal(((decimal?)expected, rank), (result.Threshold, result.Rank));
    }

    [Fact]
    public void Recompute_NoDemand_SaysSo() => Assert.Null(FirstQuartile.Recompute([]).Threshold);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(17, 100)]
    [InlineData(1000, 7)]      // many equal values
    [InlineData(1000, 100000)]
    [InlineData(12345, 3)]
    public void SelectKthSmallest_IsTheValueOfTheSortedRank(int count, int distinct)
    {
        var random = new Random(count + distinct);
        var values = Enumerable.Range(0, count).Select(_ => distinct == 0 ? 9200m : random.Next(distinct) / 100m).ToArray();
        var sorted = values.Order().ToArray();
        foreach (var index in new[] { 0, ((count + 3) / 4) - 1, count / 2, count - 1 })
        {
            Assert.Equal(sorted[index], FirstQuartile.SelectKthSmallest(values.ToArray(), index));
        }

        var ascending = FirstQuartile.Recompute(sorted.ToArray().AsSpan());
        var descending = FirstQuartile.Recompute(sorted.Reverse().ToArray().AsSpan());
        Assert.Equal(sorted[((count + 3) / 4) - 1], ascending.Threshold);
        Assert.Equal(ascending, descending);
        Assert.Equal(ascending, FirstQuartile.Recompute(values.ToList()));
    }
}
