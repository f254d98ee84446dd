using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>RPLS code lists of domain.md §16.3.2 (ORIGINE, TYPECONST, QPV, CONV, DPE) and §16.3.3 (MODE).</summary>
public sealed class RplsCodesTests
{
    [Theory]
    [InlineData("1", EntryMode.Construction)]
    [InlineData("2", EntryMode.AcquisitionWithWorks)]
    [InlineData("3", EntryMode.AcquisitionWithoutWorks)]
    [InlineData(" 4 ", EntryMode.Vefa)]
    public void ParseEntryMode_ArreteCodes_GiveTheMode(string code, EntryMode mode) =>
        Assert.Equal(mode, RplsCodes.ParseEntryMode(code));

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseEntryMode_OutsideTheList_IsNull(string? code) => Assert.Null(RplsCodes.ParseEntryMode(code));

    [Theory]
    [InlineData("1", OccupancyMode.Let)]
    [InlineData("2", OccupancyMode.VacantOffered)]
    [InlineData("3", OccupancyMode.EmptyNotOffered)]
    [InlineData("4", OccupancyMode.ManagedByAssociation)]
    [InlineData("5", OccupancyMode.OccupiedOtherwise)]
    [InlineData("9", OccupancyMode.NotApplicable)]
    public void ParseOccupancyMode_ArreteCodes_GiveTheMode(string code, OccupancyMode mode) =>
        Assert.Equal(mode, RplsCodes.ParseOccupancyMode(code));

    [Fact]
    public void ParseOccupancyMode_UnconfirmedSixthCode_IsNull() => Assert.Null(RplsCodes.ParseOccupancyMode("6"));

    [Theory]
    [InlineData("C", ConstructionType.Collective)]
    [InlineData("i", ConstructionType.Individual)]
    [InlineData("E", ConstructionType.Student)]
    [InlineData("collectif", ConstructionType.Collective)]
    [InlineData("Individuel", ConstructionType.Individual)]
    [InlineData("logement étudiant", ConstructionType.Student)]
    public void ParseConstructionType_CodeOrLabel_GivesTheType(string value, ConstructionType type) =>
        Assert.Equal(type, RplsCodes.ParseConstructionType(value));

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", false)]
    [InlineData("", null)]
    [InlineData("3", null)]
    public void ParseQpvFlag_OneInTwoOut(string value, bool? expected) => Assert.Equal(expected, RplsCodes.ParseQpvFlag(value));

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", false)]
    [InlineData("0", false)]
    [InlineData("N", null)]
    public void ParseConvention_OneIsConventioned(string value, bool? expected) => Assert.Equal(expected, RplsCodes.ParseConvention(value));

    [Theory]
    [InlineData("A", 'A')]
    [InlineData("g", 'G')]
    [InlineData("H", null)]
    [InlineData("", null)]
    [InlineData("NC", null)]
    public void ParseDpeClass_AToG_OtherwiseUnknown(string value, char? expected) => Assert.Equal(expected, RplsCodes.ParseDpeClass(value));

    [Fact]
    public void Labels_AreFrench()
    {
        Assert.Equal("proposé à la location mais vacant", RplsCodes.Label(OccupancyMode.VacantOffered));
        Assert.Equal("acquisition en VEFA", RplsCodes.Label(EntryMode.Vefa));
    }
}
