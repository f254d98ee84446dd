using Equilibre.Domain.Stock;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Stock;

/// <summary>The QPV referential (domain.md §5.3): real QPV names of Reims (product.md); codes and dates are test values.</summary>
public sealed class ImportPriorityAreasTests
{
    private const string Header = "code_quartier;nom_quartier;type;code_commune;date_debut;date_fin;source";

    private static readonly string[] Reims =
    [
        "QP051001;Croix Rouge;QPV;51454;2015-01-01;2024-07-12;décret 2014-1750 (valeurs de test)",
        "QN05101M;Croix Rouge;QPV;51454;13/07/2024;;décret 2024-806 (valeurs de test)",
        "QP051004;Orgeval;QPV;51454;2015-01-01;2024-07-12;décret 2014-1750 (valeurs de test)",
        "ZUS2101;Ancienne ZUS de test;ex-ZUS;51454;2015-01-01;;liste des ZUS (valeurs de test)",
    ];


    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Referential_IsIdempotentAndFeedsTheDatedRule(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        var file = Make.TextFile(Header, Reims);
        await using (var db = database.NewContext())
        {
            var first = await new ImportPriorityAreas(db, Make.Clock()).HandleAsync(new(file));
            var second = await new ImportPriorityAreas(db, Make.Clock()).HandleAsync(new(file));
            Assert.True(first.Succeeded, first.Failure);
            Assert.Equal((4, 0, 4), (first.Created, second.Created, second.Unchanged));
        }

        await using var check = database.NewContext();
        var settings = new QpvRuleSettings(new DateOnly(2020, 12, 31), "test");
        var today = await new ListPriorityAreas(check).HandleAsync("51454", new DateOnly(2026, 6, 15), settings);
        Assert.Equal(["Croix Rouge", "Croix Rouge", "Orgeval", "Ancienne ZUS de test"], today.Select(i => i.Area.Name));
        Assert.Equal([false, true, false, false], today.Select(i => i.StatusOnDate.InQpvForTargets)); // 2015 lists ended; ex-ZUS no longer assimilated
        var in2019 = await new ListPriorityAreas(check).HandleAsync("51454", new DateOnly(2019, 6, 15), settings);
        Assert.Equal([true, false, true, true], in2019.Select(i => i.StatusOnDate.InQpvForTargets));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BadLines_RefuseTheFileNamingLineFieldAndRule(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        var file = Make.TextFile(Header,
        [
            Reims[0],
            "QP099999;Quartier inconnu;QPV;99999;2015-01-01;;test",
            "QP051005;Europe;QPZ;51454;2015-01-01;;test",
            "QP051006;Walbaum;QPV;51454;2024-07-13;2015-01-01;test",
        ]);
        await using var db = database.NewContext();

        var run = await new ImportPriorityAreas(db, Make.Clock()).HandleAsync(new(file));

        Assert.False(run.Succeeded);
        Assert.Equal([(3, "code_commune"), (4, "type"), (5, "date_fin")], run.Issues.Select(i => (i.Line, i.Field)));
        Assert.Equal("ligne 4 : type inconnu (QPV, ex-ZUS ou QVA attendu)", run.Issues[1].Message);
        Assert.False(await db.PriorityAreas.AnyAsync());
    }
}
