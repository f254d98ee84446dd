using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// The "à renouveler" list (domain.md §2.4): active demands of the user's territory whose expiry falls within the
/// coming month — the applicant must be told at least one month before — with whether the notice was sent, and the
/// expired demands still waiting for their radiation. Both lists are paged (<see cref="PageSize"/> rows, by expiry then
/// number) and counted exactly, with the notices still to send: a large territory's routine lists tens of thousands of
/// demands, which one page could neither read nor show (docs/performance.md, "Fix: the demand list of a large territory").
/// </summary>
public sealed class ListRenewalsDue(EquilibreDb db, TimeProvider clock)
{
    /// <summary>Rows per page of each list.</summary>
    public const int PageSize = 100;

    public sealed record Request(int DuePage = 1, int ExpiredPage = 1);

    public sealed record Item(string Numero, string ApplicantName, string? Email, DateOnly ExpiresOn, DateOnly? NoticeSentOn, bool NoticeDue, bool IsDemo);

    /// <summary>One page of a list, the number of demands in it and of pages.</summary>
    public sealed record Section(IReadOnlyList<Item> Items, int Total, int Page)
    {
        public int Pages => PageCount(Total);
    }

    /// <summary>The demands due within the month, the expired ones, and how many due demands have no notice recorded yet.</summary>
    public sealed record Result(DateOnly Today, Section Due, Section Expired, int NoticesToSend);

    public Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default) => HandleAsync(new Request(), user, ct);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = FrenchTime.Today(clock);
        var horizon = today.AddMonths(DemandLifecycle.NoticeMonths);
        // Every demand of the scope that expires within a month or has expired, read once as a set (ADR 0014) and only
        // its keys: the counts and both pages come from them; the rows shown are then read with their document.
        var keys = await db.Demands.AsNoTracking().VisibleAsSet(db, user)
            .Where(d => d.Status == DemandStatus.Active && d.ExpiresOn <= horizon)
            .Select(d => new Key(d.Id, d.Numero, d.ExpiresOn, d.RenewalNoticeSentOn))
            .ToListAsync(ct);
        keys.Sort((a, b) => a.ExpiresOn != b.ExpiresOn ? a.ExpiresOn.CompareTo(b.ExpiresOn) : string.CompareOrdinal(a.Numero, b.Numero));
        var dueKeys = keys.Where(k => k.ExpiresOn > today).ToList();
        var expiredKeys = keys.Where(k => k.ExpiresOn <= today).ToList();

        async Task<Section> PageAsync(List<Key> list, int requested, bool expired)
        {
            var page = Math.Clamp(requested, 1, PageCount(list.Count));
            var ids = list.Skip((page - 1) * PageSize).Take(PageSize).Select(k => k.Id).ToList();
            var rows = (await db.Demands.AsNoTracking().Where(d => ids.Contains(d.Id))
                .Select(d => new { d.Id, d.Numero, d.ApplicantName, d.Content, d.ExpiresOn, d.RenewalNoticeSentOn, d.IsDemo })
                .ToListAsync(ct)).ToDictionary(r => r.Id);
            // The e-mail (the notice's channel) is in the demand's document: read for the rows shown only. A demand deleted
            // between the two reads is left out of the page.
            return new Section([.. ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new Item(r.Numero, r.ApplicantName, DemandJson.Read(r.Content).Applicant.Email,
                r.ExpiresOn, r.RenewalNoticeSentOn, !expired && r.RenewalNoticeSentOn is null, r.IsDemo))], list.Count, page);
        }

        var due = await PageAsync(dueKeys, request.DuePage, expired: false);
        var gone = await PageAsync(expiredKeys, request.ExpiredPage, expired: true);
        return new Result(today, due, gone, dueKeys.Count(k => k.NoticeSentOn is null));
    }

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>What the list keeps of each demand of the set: enough to count, sort and page.</summary>
    private sealed record Key(long Id, string Numero, DateOnly ExpiresOn, DateOnly? NoticeSentOn);
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
