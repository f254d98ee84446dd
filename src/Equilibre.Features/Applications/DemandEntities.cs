using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications;

/// <summary>
/// A demand as stored (docs/adr/0006): the CERFA content as one JSON document (<see cref="Content"/>), its lifecycle
/// state as columns, and the facts computed from it on its last save (persons, UC, resources per UC, Q1, priority)
/// as columns, so that lists, scopes, targets and the Q1 recomputation read indexed columns and never parse the
/// document. The facts are recomputed whenever the content changes and shown live on the demand page.
/// </summary>
public sealed class Demand
{
    public long Id { get; set; }

    /// <summary>Numéro unique: opaque 18-character string (domain.md §2.3).</summary>
    public required string Numero { get; set; }

    public DemandStatus Status { get; set; }

    /// <summary>Date of the first registration: start of seniority.</summary>
    public DateOnly RegisteredOn { get; set; }

    /// <summary>First day the demand is no longer valid (one year after registration or the last renewal).</summary>
    public DateOnly ExpiresOn { get; set; }

    public DateOnly? LastRenewedOn { get; set; }
    public DateOnly? RenewalNoticeSentOn { get; set; }
    public RadiationReason? PendingNoticeReason { get; set; }
    public DateOnly? PendingNoticeSentOn { get; set; }
    public string? PendingNoticeSubCode { get; set; }
    public RadiationReason? Radiation { get; set; }
    public DateOnly? RadiatedOn { get; set; }
    public string? RadiationSubCode { get; set; }

    /// <summary>The organisation that registered it (null for an imported demand of a guichet not in Equilibre).</summary>
    public long? GuichetOrganisationId { get; set; }

    /// <summary>Code of the registering guichet (SNE numGuichet or Equilibre's own code).</summary>
    public string? GuichetCode { get; set; }

    /// <summary>"NOM Prénom" of the applicant, as shown in lists.</summary>
    public required string ApplicantName { get; set; }

    /// <summary>Names of the adults folded for search (<see cref="Domain.SearchText"/>).</summary>
    public required string SearchName { get; set; }

    public string? FirstCommuneCode { get; set; }
    public string? EpciSiren { get; set; }
    public string? DepartementCode { get; set; }
    public string? RegionCode { get; set; }

    /// <summary>Typologies sought, comma-separated SNE codes (T2,T3).</summary>
    public required string Typologies { get; set; }

    public int Persons { get; set; }
    public int CategoryRank { get; set; }
    public decimal ConsumptionUnits { get; set; }
    public decimal MonthlyResources { get; set; }
    public decimal? AnnualResourcesPerUc { get; set; }
    public decimal? ReferenceIncome { get; set; }
    public bool? IsQ1 { get; set; }
    public int? Q1Year { get; set; }
    public decimal? Q1Threshold { get; set; }
    public bool IsMutation { get; set; }
    public DaloStatus Dalo { get; set; }

    /// <summary>Internal codes of the priority labels valid on the last save, comma-separated.</summary>
    public required string PriorityCodes { get; set; }

    public bool HasPriority { get; set; }

    /// <summary>First wished typology: with the EPCI and the first commune, what makes demands "similar" (cotation).</summary>
    public string? MainTypology { get; set; }

    // Facts read by the cotation criteria (Domain.Cotation.CotationFacts), projected on each save like the others.

    /// <summary>Reasons of the demand (SNE codes 01–23), comma-separated.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>Current housing situation (SNE "modèles" codes), comma-separated.</summary>
    public string HousingModels { get; set; } = "";

    public bool SingleParent { get; set; }

    /// <summary>A disabled person in the household, or a handicap complement filled in.</summary>
    public bool Handicap { get; set; }

    public int? CurrentRooms { get; set; }
    public decimal? CurrentRent { get; set; }
    public string? CurrentCommuneCode { get; set; }

    /// <summary>Communes where an adult works, comma-separated INSEE codes.</summary>
    public string WorkCommunes { get; set; } = "";

    /// <summary>Codes of the grid criteria validated for this demand by a social worker or a réservataire, comma-separated.</summary>
    public string ValidatedCriteria { get; set; } = "";

    /// <summary>Date the columns above were computed on.</summary>
    public DateOnly FactsComputedOn { get; set; }

    /// <summary>The <see cref="DemandFile"/> as JSON (<see cref="DemandJson"/>).</summary>
    public required string Content { get; set; }

    public bool IsDemo { get; set; }

    /// <summary>Optimistic concurrency: incremented on every change; an edit based on an older version is refused.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<DemandWish> Wishes { get; set; } = [];

    /// <summary>A new row before <see cref="DemandStore"/> fills its content, facts and state.</summary>
    public static Demand New(string numero, long? guichetOrganisationId, string? guichetCode, DateTimeOffset at) => new()
    {
        Numero = numero,
        ApplicantName = "",
        SearchName = "",
        Typologies = "",
        PriorityCodes = "",
        Content = "",
        GuichetOrganisationId = guichetOrganisationId,
        GuichetCode = guichetCode,
        Version = 1,
        UpdatedAt = at,
    };

    public DemandState State => new(Status, RegisteredOn, ExpiresOn, RenewalNoticeSentOn,
        PendingNoticeReason is { } r && PendingNoticeSentOn is { } s ? new RadiationNotice(r, s, PendingNoticeSubCode) : null, Radiation, RadiatedOn);
}

/// <summary>A wished commune of a demand, in order, with the territory it belongs to (for scopes) and its own seniority.</summary>
public sealed class DemandWish
{
    public long DemandId { get; set; }
    public int Rank { get; set; }
    public required string CommuneCode { get; set; }
    public string? EpciSiren { get; set; }
    public required string DepartementCode { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>Seniority in this commune (domain.md §2.3: several seniorities can hang on one number).</summary>
    public DateOnly Since { get; set; }

    /// <summary>
    /// The demand's stored cotation score (<see cref="Cotation.DemandScore"/>), copied on each wish so that the shortlist
    /// of a vacancy reads a commune's demands in score order from one index, <c>(CommuneCode, Score DESC, DemandId)</c>,
    /// without joining the scores of every demand wishing a big city. Null when the demand has no score (not active, or
    /// no grid in force). Kept equal to the score by <see cref="Cotation.DemandScoring.StageAsync"/> (one demand) and
    /// <see cref="Cotation.ScoreDemands"/> (the batch, for the demands whose score moved), carried over when the wishes are
    /// replaced (<see cref="DemandStore"/>); never edited elsewhere.
    /// </summary>
    public double? Score { get; set; }
}

/// <summary>What happened to a demand (gestion partagée, domain.md §11.2).</summary>
public enum DemandEventKind
{
    Registered,
    Modified,
    Renewed,
    RenewalNotice,
    RadiationNotice,
    Radiated,
    Unradiated,
    PriorityLabelled,
    Imported,
    Designated,
    CommissionDecision,
    Offer,
    Lease,
}

/// <summary>One entry of a demand's history: append-only, never updated nor deleted.</summary>
public sealed class DemandEvent
{
    public long Id { get; set; }
    public long DemandId { get; set; }
    public DateTimeOffset At { get; set; }
    public DemandEventKind Kind { get; set; }
    public required string Summary { get; set; }
    public string? Detail { get; set; }
    public long? UserId { get; set; }
    public required string By { get; set; }
    public string? OrganisationName { get; set; }
}
