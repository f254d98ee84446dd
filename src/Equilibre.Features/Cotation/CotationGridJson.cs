using System.Text.Json;
using System.Text.Json.Serialization;
using Equilibre.Domain.Cotation;

namespace Equilibre.Features.Cotation;

/// <summary>The JSON of a grid's content (rubrics, seniority, refusal penalty, cap) and its mapping to the stored record.</summary>
public static class CotationGridJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Content(IReadOnlyList<Rubric> Rubrics, SeniorityRule? Seniority, RefusalPenalty? Refusal, int? TotalCap);

    public static string Write(CotationGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return JsonSerializer.Serialize(new Content(grid.Rubrics, grid.Seniority, grid.Refusal, grid.TotalCap), Options);
    }

    public static CotationGrid Read(CotationGridRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var content = JsonSerializer.Deserialize<Content>(record.Content, Options) ?? throw new InvalidOperationException($"grille {record.Id} : contenu vide");
        return new CotationGrid(record.Territory, record.Version, record.Label, record.Scope, record.ValidFrom, record.ValidTo,
            content.Rubrics ?? [], content.Seniority, content.Refusal, content.TotalCap, record.PublishedOn, record.IsExample);
    }

    /// <summary>Copies a grid into a record (header columns and content).</summary>
    public static void Apply(CotationGridRecord record, CotationGrid grid)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(grid);
        record.Territory = grid.Territory;
        record.Scope = grid.Scope;
        record.Version = grid.Version;
        record.Label = grid.Label;
        record.ValidFrom = grid.ValidFrom;
        record.ValidTo = grid.ValidTo;
        record.PublishedOn = grid.PublishedOn;
        record.IsExample = grid.IsExample;
        record.Content = Write(grid);
    }
}
