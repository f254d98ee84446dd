using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The codes the attribution pages and API use in URLs and JSON for the states of a vacancy and the kinds of réservataire
/// (a client never parses a French label), and the French tab labels.
/// </summary>
public static class AttributionsText
{
    public static readonly IReadOnlyList<(VacancyState State, string Code, string Tab)> States =
    [
        (VacancyState.Declared, "declaree", "Déclarées"),
        (VacancyState.Oriented, "orientee", "Orientées"),
        (VacancyState.KeptByBailleur, "conservee", "Conservées par le bailleur"),
        (VacancyState.ReturnedToBailleur, "rendue", "Rendues au bailleur"),
        (VacancyState.DesignationReceived, "designee", "Candidats désignés"),
        (VacancyState.AtCaleol, "caleol", "En CALEOL"),
        (VacancyState.Offered, "proposee", "Proposées"),
        (VacancyState.Leased, "louee", "Louées"),
        (VacancyState.Withdrawn, "retiree", "Retirées"),
    ];

    public static readonly IReadOnlyList<(ReservataireKind Kind, string Code)> Kinds =
    [
        (ReservataireKind.Prefet, "prefet"),
        (ReservataireKind.ActionLogement, "action-logement"),
        (ReservataireKind.Collectivite, "collectivite"),
        (ReservataireKind.Employeur, "employeur"),
        (ReservataireKind.Other, "autre"),
    ];

    public static string Code(VacancyState state) => States.First(s => s.State == state).Code;

    public static VacancyState? State(string? code) => States.Where(s => s.Code == code).Select(s => (VacancyState?)s.State).FirstOrDefault();

    public static string Code(ReservataireKind kind) => Kinds.Where(k => k.Kind == kind).Select(k => k.Code).FirstOrDefault() ?? "bailleur";

    public static ReservataireKind? Kind(string? code) => Kinds.Where(k => k.Code == code).Select(k => (ReservataireKind?)k.Kind).FirstOrDefault();

    public static string KindLabel(ReservataireKind kind) => ListConventions.KindLabel(kind);
}
