namespace Equilibre.Domain.Reform;

/// <summary>
/// The instruments of the reform followed for every EPCI subject to it (domain.md §1.2, §8.1, §9, §11.1; product.md
/// area 9): each is "in place" from the date of its supporting act.
/// </summary>
public enum ReformInstrument
{
    /// <summary>Conférence intercommunale du logement créée (arrêté préfectoral / délibération) — L441-1-5 CCH.</summary>
    CilCreated,

    /// <summary>CIL installée : première réunion plénière tenue.</summary>
    CilMet,

    /// <summary>Document cadre d'orientations d'attribution adopté par la CIL (orientations approuvées).</summary>
    OrientationsAdopted,

    /// <summary>Convention intercommunale d'attribution signée / agréée — L441-1-6 CCH.</summary>
    CiaSigned,

    /// <summary>Plan partenarial de gestion de la demande et d'information des demandeurs adopté — L441-2-8, R441-2-10 CCH.</summary>
    PpgdAdopted,

    /// <summary>Système de cotation de la demande en place — L441-2-8 CCH, décret 2019-1378.</summary>
    CotationInPlace,

    /// <summary>Conventions de réservation en flux signées — L441-1 (ELAN art. 114), décret 2020-145.</summary>
    FluxConventionsSigned,

    /// <summary>Porteur de projet NPNRU (renouvellement urbain).</summary>
    NpnruProjectHolder,
}

/// <summary>French labels and the act each instrument is supported by.</summary>
public static class ReformInstruments
{
    public static readonly IReadOnlyList<ReformInstrument> All = Enum.GetValues<ReformInstrument>();

    public static string Label(ReformInstrument instrument) => instrument switch
    {
        ReformInstrument.CilCreated => "CIL créée",
        ReformInstrument.CilMet => "CIL réunie",
        ReformInstrument.OrientationsAdopted => "Orientations d'attribution adoptées",
        ReformInstrument.CiaSigned => "CIA signée",
        ReformInstrument.PpgdAdopted => "PPGD adopté",
        ReformInstrument.CotationInPlace => "Cotation en place",
        ReformInstrument.FluxConventionsSigned => "Conventions de gestion en flux signées",
        ReformInstrument.NpnruProjectHolder => "Porteur de projet NPNRU",
    };

    /// <summary>What the date and reference of a record mean for this instrument.</summary>
    public static string ActLabel(ReformInstrument instrument) => instrument switch
    {
        ReformInstrument.CilCreated => "arrêté ou délibération de création",
        ReformInstrument.CilMet => "date de la première réunion (compte rendu)",
        ReformInstrument.OrientationsAdopted => "délibération adoptant le document cadre",
        ReformInstrument.CiaSigned => "date de signature ou d'agrément de la convention",
        ReformInstrument.PpgdAdopted => "délibération d'adoption du plan",
        ReformInstrument.CotationInPlace => "date de mise en œuvre de la grille de cotation",
        ReformInstrument.FluxConventionsSigned => "date de signature des conventions",
        ReformInstrument.NpnruProjectHolder => "convention ou protocole de préfiguration ANRU",
    };

    /// <summary>Stable code used in CSV files and the API.</summary>
    public static string Code(ReformInstrument instrument) => instrument switch
    {
        ReformInstrument.CilCreated => "cil_creee",
        ReformInstrument.CilMet => "cil_reunie",
        ReformInstrument.OrientationsAdopted => "orientations_adoptees",
        ReformInstrument.CiaSigned => "cia_signee",
        ReformInstrument.PpgdAdopted => "ppgd_adopte",
        ReformInstrument.CotationInPlace => "cotation_en_place",
        ReformInstrument.FluxConventionsSigned => "conventions_flux_signees",
        ReformInstrument.NpnruProjectHolder => "porteur_npnru",
    };

    public static ReformInstrument? FromCode(string code) =>
        All.Cast<ReformInstrument?>().FirstOrDefault(i => string.Equals(Code(i!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
