namespace Equilibre.Web.Pages.Demandes;

/// <summary>What the one demand form partial needs: the values, the errors, the version edited and the button.</summary>
public sealed record DemandFormView(DemandForm Form, FormFields Fields, int? Version, string SubmitLabel, string? Conflict);
