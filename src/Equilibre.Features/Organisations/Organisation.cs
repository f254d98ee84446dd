using Equilibre.Domain.Organisations;

namespace Equilibre.Features.Organisations;

/// <summary>An organisation using Equilibre, with the territory it acts on.</summary>
public sealed class Organisation
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? Siren { get; set; }
    public string? RegionCode { get; set; }
    public string? DepartementCode { get; set; }
    public string? EpciSiren { get; set; }
    public string? CommuneCode { get; set; }

    /// <summary>Synthetic organisation created by the demo generator ("données de démonstration").</summary>
    public bool IsDemo { get; set; }

    public TerritoryScope Scope => new(RegionCode, DepartementCode, EpciSiren, CommuneCode);
}

/// <summary>A person who logs in. Belongs to one organisation (none for an applicant).</summary>
public sealed class AppUser : Microsoft.AspNetCore.Identity.IdentityUser<long>
{
    public required string DisplayName { get; set; }
    public long? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public bool IsDemo { get; set; }
}
