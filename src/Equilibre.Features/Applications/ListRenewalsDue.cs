using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// The "à renouveler" list (domain.md §2.4): active demands of the user's territory whose expiry falls within the
/// coming month — the applicant must be told at least one month before — with whether the notice was sent, and the
/// expired demands still waiting for their radiation.
/// </summary>
public sealed class ListRenewalsDue(EquilibreDb db, TimeProvider clock)
{
    public sealed record Item(string Numero, string ApplicantName, string? Email, DateOnly ExpiresOn, DateOnly? NoticeSentOn, bool NoticeDue, bool IsDemo);

    public sealed record Result(DateOnly Today, IReadOnlyList<Item> Due, IReadOnlyList<Item> Expired);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        var horizon = today.AddMonths(DemandLifecycle.NoticeMonths);
        // Every demand of the scope that expires within a month or has expired: the scope read as a set (ADR 0014).
        var rows = await db.Demands.AsNoTracking().VisibleAsSet(db, user)
            .Where(d => d.Status == DemandStatus.Active && d.ExpiresOn <= horizon)
            .OrderBy(d => d.ExpiresOn).ThenBy(d => d.Numero)
            .Select(d => new { d.Numero, d.ApplicantName, d.Content, d.ExpiresOn, d.RenewalNoticeSentOn, d.IsDemo })
            .ToListAsync(ct);
        var items = rows.Select(r => new Item(r.Numero, r.ApplicantName, DemandJson.Read(r.Content).Applicant.Email, r.ExpiresOn, r.RenewalNoticeSentOn,
            r.ExpiresOn > today && r.RenewalNoticeSentOn is null, r.IsDemo)).ToList();
        return new Result(today, [.. items.Where(i => i.ExpiresOn > today)], [.. items.Where(i => i.ExpiresOn <= today)]);
    }
}

/// <summary>
/// Records that the renewal notice was sent to every demand of the list that is due (or to the numbers given): one
/// history entry each, so that the notice is sent once per expiry and the list shows it.
/// </summary>
public sealed class RecordRenewalNotices(EquilibreDb db, TimeProvider clock)
{
    public async Task<int> HandleAsync(IReadOnlyCollection<string>? numeros, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!DemandAccess.CanWrite(user))
        {
            return 0;
        }

        var today = FrenchTime.Today(clock);
        var horizon = today.AddMonths(DemandLifecycle.NoticeMonths);
        var query = db.Demands.VisibleAsSet(db, user).Where(d => d.Status == DemandStatus.Active && d.ExpiresOn <= horizon && d.ExpiresOn > today && d.RenewalNoticeSentOn == null);
        if (numeros is not null)
        {
            query = query.Where(d => numeros.Contains(d.Numero));
        }

        var demands = await query.ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var demand in demands)
        {
            var transition = DemandLifecycle.RecordRenewalNotice(demand.State, today);
            if (!transition.Allowed)
            {
                continue;
            }

            DemandStore.Apply(demand, transition.State!);
            demand.Version++;
            demand.UpdatedAt = now;
            var email = DemandJson.Read(demand.Content).Applicant.Email;
            var channel = email is null ? "par courrier" : $"par courriel ({email})";
            db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.RenewalNotice, $"{transition.Explanation} {channel}", null, user, now));
        }

        await db.SaveChangesAsync(ct);
        return demands.Count;
    }
}

/// <summary>Radiates for non-renewal (RADREN) every demand of the user's territory whose validity has passed, at its expiry date.</summary>
public sealed class RadiateExpiredDemands(EquilibreDb db, TimeProvider clock)
{
    public async Task<int> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!DemandAccess.CanWrite(user))
        {
            return 0;
        }

        var today = FrenchTime.Today(clock);
        var demands = await db.Demands.VisibleAsSet(db, user).Where(d => d.Status == DemandStatus.Active && d.ExpiresOn <= today).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var demand in demands)
        {
            var transition = DemandLifecycle.Radiate(demand.State, RadiationReason.NonRenewal, today);
            DemandStore.Apply(demand, transition.State!);
            demand.Version++;
            demand.UpdatedAt = now;
            db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.Radiated, transition.Explanation, null, user, now));
        }

        await db.SaveChangesAsync(ct);
        return demands.Count;
    }
}
