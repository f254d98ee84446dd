namespace Equilibre.Domain.Allocation;

/// <summary>
/// The limits of the State's reservations (R441-5-2 CCH [C], domain.md §5.4, §17.2): 30 % at most of each bailleur's
/// annual flux, of which 5 % at most for civil and military State agents. A prefectoral derogation (one year at most) is
/// passed as other limits with its source.
/// </summary>
public sealed record PrefectShareLimits(decimal MaxPercent, decimal MaxStateAgentsPercent, string Source)
{
    public static readonly PrefectShareLimits Default = new(30m, 5m, "R441-5-2 CCH : 30 % au plus du flux annuel, dont 5 % au plus pour les agents civils et militaires de l'État (domain.md §17.2)");

    /// <summary>
    /// R441-5-2: "Sauf stipulation contraire, la part du flux annuel de logements réservés par le préfet sur le patrimoine
    /// du bailleur situé en dehors des QPV ne peut être inférieure à 30 %" (domain.md §17.2, §17.9). Read here as: of the
    /// dwellings of the préfet's flux, at least 30 % outside QPV. The sentence was read, its reading is an interpretation
    /// (another is "30 % of the flux outside QPV"): a parameter; null = not checked (a convention stipulating otherwise).
    /// </summary>
    public decimal? MinOutsideQpvPercent { get; init; } = 30m;

    public string OutsideQpvSource { get; init; } =
        "R441-5-2 : part des logements du préfet hors QPV d'au moins 30 % sauf stipulation contraire (lecture retenue : part des logements orientés vers le préfet — interprétation non confirmée)";
}

/// <summary>The check of the préfet's share: within the limits or not, with the problems and the explanation.</summary>
public sealed record PrefectShareResult(bool WithinLimits, decimal SharePercent, decimal StateAgentsPercent, IReadOnlyList<string> Problems, IReadOnlyList<string> Explanation);

/// <summary>The préfet's share of a bailleur's flux against R441-5-2. A volume convention is turned into a rate of the flux base.</summary>
public static class PrefectShare
{
    /// <param name="prefet">The State's convention with the bailleur (its share, and the State agents' part).</param>
    /// <param name="flux">The bailleur's flux base, needed when the convention is a volume.</param>
    /// <param name="limits">Legal limits, or a derogation.</param>
    public static PrefectShareResult Check(ReservationConvention prefet, FluxBase flux, PrefectShareLimits limits)
    {
        ArgumentNullException.ThrowIfNull(prefet);
        ArgumentNullException.ThrowIfNull(flux);
        ArgumentNullException.ThrowIfNull(limits);
        var lines = new List<string>();
        var problems = new List<string>();
        if (prefet.Kind != ReservataireKind.Prefet)
        {
            throw new ArgumentException("la convention n'est pas celle du préfet", nameof(prefet));
        }

        decimal share;
        if (prefet.Share.RatePercent is { } rate)
        {
            share = rate;
            lines.Add(French.Format($"part du préfet : {share:0.##} % du flux annuel"));
        }
        else if (flux.Flux > 0)
        {
            share = Math.Round(100m * prefet.Share.Volume!.Value / flux.Flux, 1, MidpointRounding.AwayFromZero);
            lines.Add(French.Format($"part du préfet : {prefet.Share.Volume} logement(s) sur un flux de {flux.Flux} = {share:0.0} %"));
        }
        else
        {
            share = 0m;
            lines.Add(French.Format($"part du préfet : {prefet.Share.Volume} logement(s), flux nul : part non calculable"));
            if (prefet.Share.Volume > 0)
            {
                problems.Add(French.Format($"{prefet.Share.Volume} logement(s) réservé(s) par le préfet sur un flux nul"));
            }
        }

        var agents = prefet.StateAgentsRatePercent ?? 0m;
        lines.Add(French.Format($"dont agents de l'État : {agents:0.##} % du flux"));
        if (share > limits.MaxPercent)
        {
            problems.Add(French.Format($"part du préfet de {share:0.##} % supérieure au maximum de {limits.MaxPercent:0.##} % du flux"));
        }

        if (agents > limits.MaxStateAgentsPercent)
        {
            problems.Add(French.Format($"part des agents de l'État de {agents:0.##} % supérieure au maximum de {limits.MaxStateAgentsPercent:0.##} % du flux"));
        }

        if (agents > share)
        {
            problems.Add(French.Format($"part des agents de l'État ({agents:0.##} %) supérieure à la part totale du préfet ({share:0.##} %), dont elle fait partie"));
        }

        lines.AddRange(problems);
        lines.Add((problems.Count == 0 ? "dans les limites" : "hors des limites") + $" ({limits.Source})");
        return new PrefectShareResult(problems.Count == 0, share, agents, problems, lines);
    }

    /// <summary>
    /// The part of the préfet's dwellings located outside QPV, against <see cref="PrefectShareLimits.MinOutsideQpvPercent"/>
    /// (R441-5-2, see the reading stated there). Null when not checked or when no dwelling went to the préfet yet.
    /// </summary>
    /// <param name="orientedToPrefet">Dwellings of the year oriented to the préfet.</param>
    /// <param name="outsideQpv">Among them, dwellings outside QPV (for the targets).</param>
    /// <param name="limits">The minimum, or null to skip.</param>
    public static (bool? Met, string Explanation) CheckOutsideQpv(int orientedToPrefet, int outsideQpv, PrefectShareLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(outsideQpv);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outsideQpv, orientedToPrefet);
        if (limits.MinOutsideQpvPercent is not { } min)
        {
            return (null, "part hors QPV du flux du préfet non contrôlée (stipulation contraire de la convention)");
        }

        if (orientedToPrefet == 0)
        {
            return (null, "aucun logement orienté vers le préfet : part hors QPV non calculable");
        }

        var part = Math.Round(100m * outsideQpv / orientedToPrefet, 1, MidpointRounding.AwayFromZero);
        var met = part >= min;
        return (met, French.Format($"{outsideQpv} logement(s) hors QPV sur {orientedToPrefet} orienté(s) vers le préfet = {part:0.0} % {(met ? "≥" : "<")} {min:0.#} % ({limits.OutsideQpvSource})"));
    }
}
