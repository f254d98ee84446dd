using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Territory;

/// <summary>
/// Names as printed in the Q1 arrêtés (data/reference/seuils-q1) against the names of the COG
/// (@etalab/decoupage-administratif 6.0.0); domain.md §4.3 and shared/data/README.md (joins by name).
/// </summary>
public sealed class EpciNameTests
{
    [Theory]
    [InlineData("CA Troyes Champagne Métropole", "troyes champagne")]
    [InlineData("CU du Grand Reims", "grand reims")]
    [InlineData("Agglomération du Grand Longwy", "grand longwy")]     // arrêté 2024 and 2026
    [InlineData("CA Grand Longwy Agglomération", "grand longwy")]     // COG 2026
    [InlineData("Le Grand Ouest Toulousain agglomération", "grand ouest toulousain")]
    [InlineData("CC Le Grand Ouest Toulousain", "grand ouest toulousain")]
    [InlineData("CA Intercommunale de la Réunion Est (CIREST)", "intercommunale de la reunion est")]
    [InlineData("Eurométropole de Strasbourg", "strasbourg")]
    [InlineData("Metz Métropole", "metz")]
    [InlineData("Métropole du Grand Nancy", "grand nancy")]
    [InlineData("CA d'Epinal", "epinal")]
    [InlineData("CA Epernay, Coteaux et Plaine de Champagne", "epernay coteaux et plaine de champagne")]
    [InlineData("  CC   des   Savanes ", "savanes")]
    [InlineData("Paris", "paris")]
    public void Normalise_PublishedOrOfficialName_GivesComparableKey(string name, string expected) =>
        Assert.Equal(expected, EpciName.Normalise(name));

    [Theory]
    [InlineData("CA du Sud", "CA")]
    [InlineData("CC du Sud", "CC")]
    [InlineData("CU du Grand Reims", "CU")]
    [InlineData("Métropole du Grand Nancy", "METRO")]
    [InlineData("Communauté d'agglomération du Sud", "CA")]
    [InlineData("Metz Métropole", null)]
    [InlineData("Thionville Fensch Agglomération", null)]
    public void LegalForm_PublishedName_ReadsTheLeadingForm(string name, string? expected) =>
        Assert.Equal(expected, EpciName.LegalForm(name));
}
