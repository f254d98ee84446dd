namespace Equilibre.Web;

/// <summary>Authorisation policies; every page needs at least a logged-in user (fallback policy).</summary>
public static class Policies
{
    /// <summary>Every role but the applicant: shared territory and partner pages.</summary>
    public const string Professionals = "Professionnels";

    /// <summary>Administrators: imports, organisations, users.</summary>
    public const string Administration = "Administration";
}
