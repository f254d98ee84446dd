using System.Text;
using Equilibre.Features.Applications.Sne;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>Export file formats of the demands.</summary>
public enum DemandExportFormat
{
    /// <summary>SNE interfaceNuu XML (with the Equilibre extension).</summary>
    Xml,

    /// <summary>The Equilibre CSV of docs/guide/demandes-format.md.</summary>
    Csv,
}

/// <summary>
/// Exports the demands the user may see (<see cref="DemandAccess.Visible"/>) as interfaceNuu XML or CSV, streamed
/// demand by demand in numéro order; the file re-imports as is (<see cref="ImportDemands"/>).
/// </summary>
public sealed class ExportDemands(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(DemandExportFormat Format);

    /// <summary>Writes the file to <paramref name="output"/> and returns how many demands it holds.</summary>
    public async Task<int> HandleAsync(Request request, Stream output, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(user);
        var rows = db.Demands.AsNoTracking().VisibleAsSet(db, user).OrderBy(d => d.Numero)
            .Select(d => new Row(d.Numero, d.GuichetCode, d.RegisteredOn, d.LastRenewedOn, d.Radiation, d.RadiationSubCode, d.RadiatedOn, d.Content))
            .AsAsyncEnumerable();
        var count = 0;
        if (request.Format == DemandExportFormat.Xml)
        {
            using var writer = new SneXmlWriter(output, clock.GetUtcNow(), fileType: null);
            await foreach (var row in rows.WithCancellation(ct))
            {
                writer.Write(row.ToSne());
                count++;
            }
        }
        else
        {
            await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            DemandCsv.WriteHeader(writer);
            await foreach (var row in rows.WithCancellation(ct))
            {
                DemandCsv.WriteLine(writer, row.ToSne());
                count++;
            }
        }

        return count;
    }

    private sealed record Row(string Numero, string? GuichetCode, DateOnly RegisteredOn, DateOnly? LastRenewedOn,
        Domain.Applications.RadiationReason? Radiation, string? RadiationSubCode, DateOnly? RadiatedOn, string Content)
    {
        public SneDemand ToSne() => new(0, Numero, GuichetCode, RegisteredOn, LastRenewedOn,
            Radiation is { } r ? new SneRadiation(Domain.Applications.DemandLifecycle.Code(r), RadiationSubCode, RadiatedOn) : null,
            DemandJson.Read(Content));
    }
}
