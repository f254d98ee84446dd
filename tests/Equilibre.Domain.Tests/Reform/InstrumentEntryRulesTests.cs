using Equilibre.Domain.Reform;

namespace Equilibre.Domain.Tests.Reform;

public sealed class InstrumentEntryRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    public static TheoryData<bool, string?, string?, string?> Rows => new()
    {
        { true, "2017-03-01", "arrêté préfectoral du 1er mars 2017", null },
        { false, null, null, null },
        { true, null, "arrêté", "date" },
        { true, "2026-12-01", "arrêté", "date" },   // future
        { true, "2013-12-31", "arrêté", "date" },   // before ALUR
        { true, "2017-03-01", " ", "reference" },
        { false, "2017-03-01", null, "date" },     // a date for "not in place" is a contradiction
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Check_Entry_RefusesWithTheField(bool inPlace, string? date, string? reference, string? failingField)
    {
        var entry = new InstrumentEntry(ReformInstrument.CilCreated, inPlace,
            date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), reference);

        var errors = InstrumentEntryRules.Check(entry, Today);

        Assert.Equal(failingField, errors.Select(e => e.Field).SingleOrDefault());
        Assert.All(errors, e => Assert.StartsWith("CIL créée : ", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cil_creee", ReformInstrument.CilCreated)]
    [InlineData(" PPGD_ADOPTE ", ReformInstrument.PpgdAdopted)]
    [InlineData("porteur_npnru", ReformInstrument.NpnruProjectHolder)]
    public void FromCode_CsvCode_GivesTheInstrument(string code, ReformInstrument expected) =>
        Assert.Equal(expected, ReformInstruments.FromCode(code));

    [Fact]
    public void FromCode_Unknown_IsNull() => Assert.Null(ReformInstruments.FromCode("cil"));
}
