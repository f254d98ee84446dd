using System.Text.Json;
using System.Text.Json.Serialization;
using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications;

/// <summary>The one JSON form of a <see cref="DemandFile"/> in the database and the API (camelCase, enums by name).</summary>
public static class DemandJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(DemandFile file) => JsonSerializer.Serialize(file, Options);

    public static DemandFile Read(string json) =>
        JsonSerializer.Deserialize<DemandFile>(json, Options) ?? throw new InvalidOperationException("contenu de demande vide");
}
