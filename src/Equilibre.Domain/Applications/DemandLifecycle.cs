namespace Equilibre.Domain.Applications;

public enum DemandStatus
{
    Active,
    Radiated,
}

/// <summary>Legal reasons for radiation (R441-2-8, domain.md §2.5), with their SNE codes.</summary>
public enum RadiationReason
{
    /// <summary>RADATT: lease signed (effective at signature).</summary>
    Allocation,

    /// <summary>RADABA: renunciation by the applicant (immediate).</summary>
    Renunciation,

    /// <summary>RADREN: not renewed within the year (at expiry).</summary>
    NonRenewal,

    /// <summary>RADIRR: irrecevabilité, one month after a warning (sub-codes IRRSEJ, IRRRES).</summary>
    Inadmissibility,

    /// <summary>RADCON: impossible to contact, one month after a warning sent to the last declared address.</summary>
    NoContact,
}

/// <summary>A warning sent before a radiation that needs one (irrecevabilité, no contact), with its date.</summary>
public sealed record RadiationNotice(RadiationReason Reason, DateOnly SentOn, string? SubCode);

/// <summary>Where a demand stands in its lifecycle: what the rules need, nothing else.</summary>
public sealed record DemandState(
    DemandStatus Status,
    DateOnly RegisteredOn,
    DateOnly ExpiresOn,
    DateOnly? RenewalNoticeSentOn,
    RadiationNotice? PendingNotice,
    RadiationReason? Radiation,
    DateOnly? RadiatedOn)
{
    public static DemandState Registered(DateOnly on) => new(DemandStatus.Active, on, DemandLifecycle.Expiry(on), null, null, null, null);
}

/// <summary>A lifecycle decision: the new state, or the French reason of the refusal.</summary>
public sealed record Transition(bool Allowed, DemandState? State, string Explanation)
{
    public static Transition Refused(string why) => new(false, null, why);
}

/// <summary>
/// The lifecycle of a demand (domain.md §2.4–§2.5): valid one year from registration or last renewal; the applicant
/// is told at least one month before expiry; a modification keeps number and seniority; radiation for the legal
/// reasons with their delays; déradiation of a radiation made in error. Every refusal says why.
/// </summary>
public static class DemandLifecycle
{
    public const int NoticeMonths = 1;

    /// <summary>First day the demand is no longer valid: one year after registration or renewal.</summary>
    public static DateOnly Expiry(DateOnly from) => from.AddYears(1);

    /// <summary>From this day the renewal notice is due (one month before expiry).</summary>
    public static DateOnly RenewalNoticeFrom(DateOnly expiresOn) => expiresOn.AddMonths(-NoticeMonths);

    public static string Code(RadiationReason reason) => reason switch
    {
        RadiationReason.Allocation => "RADATT",
        RadiationReason.Renunciation => "RADABA",
        RadiationReason.NonRenewal => "RADREN",
        RadiationReason.Inadmissibility => "RADIRR",
        RadiationReason.NoContact => "RADCON",
    };

    public static RadiationReason? ParseCode(string? code) =>
        Enum.GetValues<RadiationReason>().Cast<RadiationReason?>().FirstOrDefault(r => Code(r!.Value) == code?.Trim().ToUpperInvariant());

    public static string Label(RadiationReason reason) => reason switch
    {
        RadiationReason.Allocation => "attribution d'un logement (bail signé)",
        RadiationReason.Renunciation => "renonciation du demandeur",
        RadiationReason.NonRenewal => "non-renouvellement",
        RadiationReason.Inadmissibility => "irrecevabilité",
        RadiationReason.NoContact => "impossibilité de contacter le demandeur",
    };

    /// <summary>Sub-codes of irrecevabilité (SNE).</summary>
    public static readonly IReadOnlyDictionary<string, string> InadmissibilityCodes = new Dictionary<string, string>
    {
        ["IRRSEJ"] = "séjour irrégulier",
        ["IRRRES"] = "ressources supérieures au plafond",
    };

    public static string StatusLabel(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            DemandStatus.Radiated => French.Format($"radiée le {state.RadiatedOn:dd/MM/yyyy} ({Label(state.Radiation!.Value)})"),
            _ when today >= state.ExpiresOn => French.Format($"expirée le {state.ExpiresOn:dd/MM/yyyy}, à radier pour non-renouvellement"),
            _ when today >= RenewalNoticeFrom(state.ExpiresOn) => French.Format($"active, à renouveler avant le {state.ExpiresOn:dd/MM/yyyy}"),
            _ => French.Format($"active jusqu'au {state.ExpiresOn.AddDays(-1):dd/MM/yyyy}"),
        };
    }

    /// <summary>Modification keeps number and seniority (domain.md §2.4); only an active, unexpired demand can change.</summary>
    public static Transition Modify(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsLive(state, today, "modifiée") is { } refusal ? Transition.Refused(refusal) : new(true, state, "modification : numéro et ancienneté conservés");
    }

    /// <summary>Renewal: a new year of validity from today; the notice of the previous period is cleared.</summary>
    public static Transition Renew(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (IsLive(state, today, "renouvelée") is { } refusal)
        {
            return Transition.Refused(refusal);
        }

        var next = state with { ExpiresOn = Expiry(today), RenewalNoticeSentOn = null };
        return new(true, next, French.Format($"renouvelée le {today:dd/MM/yyyy} : valable jusqu'au {next.ExpiresOn.AddDays(-1):dd/MM/yyyy}, numéro et ancienneté conservés"));
    }

    /// <summary>The renewal notice is due from one month before expiry, once per validity period.</summary>
    public static bool NeedsRenewalNotice(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == DemandStatus.Active && today < state.ExpiresOn && today >= RenewalNoticeFrom(state.ExpiresOn)
            && state.RenewalNoticeSentOn is null;
    }

    public static Transition RecordRenewalNotice(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (IsLive(state, today, "avisée") is { } refusal)
        {
            return Transition.Refused(refusal);
        }

        if (state.RenewalNoticeSentOn is { } sent)
        {
            return Transition.Refused(French.Format($"l'avis de renouvellement a déjà été envoyé le {sent:dd/MM/yyyy} pour cette échéance"));
        }

        if (today < RenewalNoticeFrom(state.ExpiresOn))
        {
            return Transition.Refused(French.Format($"l'avis de renouvellement est dû à partir du {RenewalNoticeFrom(state.ExpiresOn):dd/MM/yyyy} (un mois avant l'échéance du {state.ExpiresOn:dd/MM/yyyy})"));
        }

        return new(true, state with { RenewalNoticeSentOn = today }, French.Format($"avis de renouvellement envoyé le {today:dd/MM/yyyy}, échéance le {state.ExpiresOn:dd/MM/yyyy}"));
    }

    /// <summary>Warning before an irrecevabilité or no-contact radiation: the radiation is possible one month later.</summary>
    public static Transition SendRadiationNotice(DemandState state, RadiationReason reason, string? subCode, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (reason is not (RadiationReason.Inadmissibility or RadiationReason.NoContact))
        {
            return Transition.Refused($"un préavis ne s'envoie que pour l'irrecevabilité ou l'impossibilité de contacter, pas pour « {Label(reason)} »");
        }

        if (reason == RadiationReason.Inadmissibility && (subCode is null || !InadmissibilityCodes.ContainsKey(subCode)))
        {
            return Transition.Refused("motif d'irrecevabilité à préciser : IRRSEJ (séjour irrégulier) ou IRRRES (ressources supérieures au plafond)");
        }

        if (IsLive(state, today, "avisée") is { } refusal)
        {
            return Transition.Refused(refusal);
        }

        var notice = new RadiationNotice(reason, today, reason == RadiationReason.Inadmissibility ? subCode : null);
        return new(true, state with { PendingNotice = notice },
            French.Format($"préavis de radiation ({Label(reason)}) envoyé le {today:dd/MM/yyyy} : radiation possible à partir du {today.AddMonths(NoticeMonths):dd/MM/yyyy}"));
    }

    /// <summary>
    /// Radiation with its legal delay (R441-2-8): renunciation immediately; non-renewal at expiry; irrecevabilité and
    /// no-contact one month after the warning; attribution at the signature of the lease (<paramref name="today"/> is then the signature date).
    /// </summary>
    public static Transition Radiate(DemandState state, RadiationReason reason, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == DemandStatus.Radiated)
        {
            return Transition.Refused(French.Format($"la demande est déjà radiée depuis le {state.RadiatedOn:dd/MM/yyyy} ({Label(state.Radiation!.Value)})"));
        }

        switch (reason)
        {
            case RadiationReason.NonRenewal when today < state.ExpiresOn:
                return Transition.Refused(French.Format($"la demande est valable jusqu'au {state.ExpiresOn.AddDays(-1):dd/MM/yyyy} : pas de radiation pour non-renouvellement avant l'échéance"));
            case RadiationReason.NonRenewal:
                return Done(state, reason, state.ExpiresOn, French.Format($"radiée pour non-renouvellement à l'échéance du {state.ExpiresOn:dd/MM/yyyy}"));
            case RadiationReason.Inadmissibility or RadiationReason.NoContact:
                if (state.PendingNotice is not { } notice || notice.Reason != reason)
                {
                    return Transition.Refused($"radiation pour {Label(reason)} : un préavis doit d'abord être envoyé (lettre recommandée ou tout moyen attestant la réception), la radiation intervient un mois après");
                }

                var from = notice.SentOn.AddMonths(NoticeMonths);
                return today < from
                    ? Transition.Refused(French.Format($"préavis envoyé le {notice.SentOn:dd/MM/yyyy} : radiation possible à partir du {from:dd/MM/yyyy}"))
                    : Done(state, reason, today, French.Format($"radiée pour {Label(reason)} le {today:dd/MM/yyyy}, un mois après le préavis du {notice.SentOn:dd/MM/yyyy}"));
            case RadiationReason.Allocation when today >= state.ExpiresOn:
                return Transition.Refused(French.Format($"la demande a expiré le {state.ExpiresOn:dd/MM/yyyy} : un bail ne peut radier qu'une demande valide"));
            case RadiationReason.Allocation:
                return Done(state, reason, today, French.Format($"radiée pour attribution à la signature du bail le {today:dd/MM/yyyy}"));
            default:
                return Done(state, reason, today, French.Format($"radiée le {today:dd/MM/yyyy} : {Label(reason)}"));
        }
    }

    /// <summary>
    /// Déradiation (SNE operation): undoes a radiation made in error, keeping number and seniority. Never after a
    /// lease (the lease itself would have to be cancelled). A demand whose validity has passed is renewed by it.
    /// </summary>
    public static Transition Unradiate(DemandState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != DemandStatus.Radiated)
        {
            return Transition.Refused("la demande n'est pas radiée");
        }

        if (state.Radiation == RadiationReason.Allocation)
        {
            return Transition.Refused("une radiation pour attribution suit la signature d'un bail : elle ne se défait pas par une déradiation");
        }

        var active = state with { Status = DemandStatus.Active, Radiation = null, RadiatedOn = null, PendingNotice = null };
        if (today >= state.ExpiresOn)
        {
            active = active with { ExpiresOn = Expiry(today), RenewalNoticeSentOn = null };
            return new(true, active, French.Format($"déradiée le {today:dd/MM/yyyy} ; l'échéance étant passée, la déradiation vaut renouvellement jusqu'au {active.ExpiresOn.AddDays(-1):dd/MM/yyyy}"));
        }

        return new(true, active, French.Format($"déradiée le {today:dd/MM/yyyy} : numéro et ancienneté conservés"));
    }

    /// <summary>Seniority in days on a date, from the registration (or a commune's own date).</summary>
    public static int Seniority(DateOnly since, DateOnly today) => Math.Max(0, today.DayNumber - since.DayNumber);

    private static Transition Done(DemandState state, RadiationReason reason, DateOnly on, string why) =>
        new(true, state with { Status = DemandStatus.Radiated, Radiation = reason, RadiatedOn = on, PendingNotice = null }, why);

    private static string? IsLive(DemandState state, DateOnly today, string verb)
    {
        if (state.Status == DemandStatus.Radiated)
        {
            return French.Format($"une demande radiée (le {state.RadiatedOn:dd/MM/yyyy}, {Label(state.Radiation!.Value)}) ne peut pas être {verb} : déradiez-la ou enregistrez une nouvelle demande");
        }

        return today >= state.ExpiresOn
            ? French.Format($"la demande a expiré le {state.ExpiresOn:dd/MM/yyyy} sans renouvellement : elle ne peut plus être {verb} et doit être radiée (non-renouvellement)")
            : null;
    }
}

/// <summary>
/// The numéro unique (domain.md §2.3): an opaque 18-character string, never parsed. Equilibre generates one for a
/// local registration in the observed pattern [D]: territory code (département on 3 characters), month and year of
/// registration, a 6-digit sequence, the 5-character code of the registering guichet.
/// </summary>
public static class NumeroUnique
{
    public static bool IsValid(string? value) =>
        value is { Length: 18 } && value.All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z'));

    public static string Generate(string departementCode, DateOnly registeredOn, int sequence, string guichetCode)
    {
        ArgumentNullException.ThrowIfNull(departementCode);
        ArgumentNullException.ThrowIfNull(guichetCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        if (guichetCode.Length != 5 || !IsValid(guichetCode + "0000000000000"))
        {
            throw new ArgumentException("code guichet : 5 caractères [0-9A-Z]", nameof(guichetCode));
        }

        var territory = departementCode.ToUpperInvariant().PadLeft(3, '0');
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{territory}{registeredOn:MMyy}{sequence:D6}{guichetCode}");
    }

    /// <summary>The prefix shared by every number of a territory and month: the sequence follows it.</summary>
    public static string Prefix(string departementCode, DateOnly registeredOn) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{departementCode.ToUpperInvariant().PadLeft(3, '0')}{registeredOn:MMyy}");

    /// <summary>A guichet's 5-character code from its organisation number: "E" + 4 base-36 digits.</summary>
    public static string GuichetCode(long organisationId)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[4];
        var n = organisationId % (36L * 36 * 36 * 36);
        for (var i = 3; i >= 0; i--)
        {
            chars[i] = digits[(int)(n % 36)];
            n /= 36;
        }

        return "E" + new string(chars);
    }
}
