using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>domain.md §16.3.1: 10,11 → PLAI; 12,13,50–55 → PLUS; 14,15,17 → PLS; 16 → PLI; 49,99 → other.</summary>
public sealed class RplsFinancingTableTests
{
    [Theory]
    [InlineData("10", FinancingFamily.Plai)]
    [InlineData("11", FinancingFamily.Plai)]
    [InlineData("12", FinancingFamily.Plus)]
    [InlineData("13", FinancingFamily.Plus)]
    [InlineData(" 13 ", FinancingFamily.Plus)]
    [InlineData("52", FinancingFamily.Plus)]
    [InlineData("14", FinancingFamily.Pls)]
    [InlineData("15", FinancingFamily.Pls)]
    [InlineData("17", FinancingFamily.Pls)]
    [InlineData("16", FinancingFamily.Pli)]
    [InlineData("49", FinancingFamily.Other)]
    [InlineData("99", FinancingFamily.Other)]
    public void Map_DefaultTable_GivesTheFamily(string code, FinancingFamily family) =>
        Assert.Equal(family, RplsFinancingTable.Default.Map(code).Family);

    [Theory]
    [InlineData("18")]
    [InlineData("")]
    [InlineData(null)]
    public void Map_UnknownCode_IsNullWithTheReason(string? code)
    {
        var (family, explanation) = RplsFinancingTable.Default.Map(code);

        Assert.Null(family);
        Assert.Contains("inconnu de la table de correspondance", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ConfiguredTable_Wins()
    {
        var local = new RplsFinancingTable(new Dictionary<string, FinancingFamily> { ["53"] = FinancingFamily.Pli }, "table locale");

        Assert.Equal(FinancingFamily.Pli, local.Map("53").Family);
    }
}
