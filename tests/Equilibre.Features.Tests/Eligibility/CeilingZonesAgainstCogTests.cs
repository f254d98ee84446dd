using System.Text.Json;
using Equilibre.Domain.Eligibility;

namespace Equilibre.Features.Tests.Eligibility;

/// <summary>The 29 communes adjoining Paris are taken from the COG, not from a third-party list (domain.md §3.4).</summary>
public sealed class CeilingZonesAgainstCogTests
{
    [Fact]
    public void EveryAdjoiningCommuneCode_NamesThatCommuneInTheCog()
    {
        using var stream = File.OpenRead(Path.Combine(Make.RealReferenceFiles().DecoupageFolder, "communes.json"));
        using var json = JsonDocument.Parse(stream);
        var names = json.RootElement.EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "commune-actuelle")
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("nom").GetString()!);
        foreach (var (code, name) in CeilingZones.AdjoiningParis)
        {
            Assert.True(names.TryGetValue(code, out var cog), $"{code} absent du COG");
            Assert.Equal(name, cog);
            Assert.Equal("11", json.RootElement.EnumerateArray().First(c => c.GetProperty("code").GetString() == code).GetProperty("region").GetString());
        }
    }
}
