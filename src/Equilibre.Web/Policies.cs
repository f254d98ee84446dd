namespace Equilibre.Web;

/// <summary>Authorisation policies; every page needs at least a logged-in user (fallback policy).</summary>
public static class Policies
{
    /// <summary>Every role but the applicant: shared territory and partner pages.</summary>
    public const string Professionals = "Professionnels";

    /// <summary>Services de l'État and administrators: record the reform's progress (their territory is checked per EPCI).</summary>
    public const string ReformEditors = "SuiviReforme";

    /// <summary>
    /// The allocation targets (pages /objectifs, API /api/v1/objectifs): EPCI, bailleurs and their CALEOL members,
    /// réservataires, State services, administrators — not the guichets nor applicants. The handlers scope the leases.
    /// </summary>
    public const string Targets = "Objectifs";

    /// <summary>Administrators: imports, organisations, users.</summary>
    public const string Administration = "Administration";
}
