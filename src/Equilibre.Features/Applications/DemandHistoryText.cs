using Equilibre.Domain;
using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications;

/// <summary>The sentences the history records, so that the forms, imports and batch jobs say the same thing.</summary>
public static class DemandHistoryText
{
    public static string Priority(PriorityLabel label, PriorityLetters letters)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(letters);
        return French.Format($"priorité « {letters.Describe(label.Code)} » labellisée le {label.LabelledOn:dd/MM/yyyy} par {label.LabelledBy}")
            + (label.Proof is { Length: > 0 } proof ? $" (justificatif : {proof})" : "")
            + (label.ValidUntil is { } until ? French.Format($", valable jusqu'au {until:dd/MM/yyyy}") : "");
    }

    /// <summary>Which parts of the demand a change touched, in the CERFA's words.</summary>
    public static IReadOnlyList<string> Changes(DemandFile before, DemandFile after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        void Check(bool same, string what)
        {
            if (!same)
            {
                changes.Add(what);
            }
        }

        Check(Same(before.Applicant, after.Applicant), "demandeur");
        Check(Same(before.CoApplicants, after.CoApplicants), "cotitulaire");
        Check(Same(before.Dependants, after.Dependants) && Same(before.ChildrenInCustody, after.ChildrenInCustody) && Same(before.Unborn, after.Unborn), "personnes à charge et enfants");
        Check(Same(before.DependantResourcesReceived, after.DependantResourcesReceived) && Same(before.DependantResourcesPaid, after.DependantResourcesPaid), "ressources des personnes à charge");
        Check(Same(before.CurrentHousing, after.CurrentHousing), "logement actuel");
        Check(Same(before.Reasons, after.Reasons), "motifs");
        Check(Same(before.Wishes, after.Wishes), "logement recherché");
        Check(Same(before.Handicap, after.Handicap), "complément handicap");
        Check(before.Dalo == after.Dalo, "statut DALO");
        Check(Same(before.Priorities, after.Priorities), "priorités");
        return changes;
    }

    private static bool Same<T>(T a, T b) =>
        System.Text.Json.JsonSerializer.Serialize(a, DemandJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, DemandJson.Options);
}
