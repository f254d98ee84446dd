using System.Globalization;
using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Targets;

/// <summary>
/// Numbers the groups of a run. Each dimension's value becomes an int (strings interned once, calendar values computed,
/// the réservataire's special values negative), and a group is a leaf of a tree of (parent node, value) pairs; the codes
/// of each group are kept, so its key is built from the interned strings and the groups are sorted by per-dimension
/// ranks instead of string comparisons. The values are those of <see cref="GroupKey.ValueOf"/> (a test checks it).
/// </summary>
internal sealed class GroupIndex
{
    private const int OwnFluxCode = -2;
    private const int OutsideFluxCode = -3;

    private readonly GroupDimension[] _dimensions;
    private readonly Dictionary<string, int>[] _interned;
    private readonly List<string>[] _strings;
    private readonly Dictionary<(int Parent, int Value), int> _inner = [];
    private readonly Dictionary<(int Parent, int Value), int> _leaves = [];
    private readonly int[] _scratch;
    private int[] _codes;
    private int _count;

    public GroupIndex(GroupDimension[] dimensions)
    {
        _dimensions = dimensions;
        _interned = [.. dimensions.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        _strings = [.. dimensions.Select(_ => new List<string>())];
        _scratch = new int[dimensions.Length];
        _codes = new int[Math.Max(1, dimensions.Length) * 1024];
    }

    public int Count => _count;

    /// <summary>The group of a fact, created when new (groups are numbered 0, 1, 2… in order of appearance).</summary>
    public int IndexOf(AllocationFact fact)
    {
        if (_dimensions.Length == 0)
        {
            _count = 1;
            return 0;
        }

        var node = 0;
        var last = _dimensions.Length - 1;
        for (var i = 0; i < last; i++)
        {
            var code = _scratch[i] = Code(i, fact);
            if (!_inner.TryGetValue((node, code), out var next))
            {
                next = _inner.Count + 1;
                _inner[(node, code)] = next;
            }

            node = next;
        }

        var leafCode = _scratch[last] = Code(last, fact);
        if (_leaves.TryGetValue((node, leafCode), out var group))
        {
            return group;
        }

        group = _count++;
        _leaves[(node, leafCode)] = group;
        if (_count * _dimensions.Length > _codes.Length)
        {
            Array.Resize(ref _codes, _codes.Length * 2);
        }

        _scratch.CopyTo(_codes, group * _dimensions.Length);
        return group;
    }

    /// <summary>The key of a group, from its codes.</summary>
    public GroupKey Key(int group)
    {
        var values = new string?[_dimensions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value(i, _codes[(group * _dimensions.Length) + i]);
        }

        return new GroupKey(_dimensions, values);
    }

    /// <summary>
    /// The groups in the order of <see cref="TargetEngine.CompareKeys"/> (ordinal values, unknown first): each
    /// dimension's distinct codes are ranked once by their value, then the groups are sorted by their ranks.
    /// </summary>
    public int[] SortedGroups()
    {
        var order = new int[_count];
        for (var g = 0; g < _count; g++)
        {
            order[g] = g;
        }

        var width = _dimensions.Length;
        if (width == 0 || _count < 2)
        {
            return order;
        }

        var ranks = new int[_count * width];
        for (var i = 0; i < width; i++)
        {
            var distinct = new HashSet<int>();
            for (var g = 0; g < _count; g++)
            {
                distinct.Add(_codes[(g * width) + i]);
            }

            var dimension = i;
            var rankOf = distinct.Select(code => (Code: code, Value: Value(dimension, code)))
                .OrderBy(c => c.Value, StringComparer.Ordinal)
                .Select((c, rank) => (c.Code, Rank: rank))
                .ToDictionary(c => c.Code, c => c.Rank);
            for (var g = 0; g < _count; g++)
            {
                ranks[(g * width) + i] = rankOf[_codes[(g * width) + i]];
            }
        }

        Array.Sort(order, (a, b) =>
        {
            for (var i = 0; i < width; i++)
            {
                var c = ranks[(a * width) + i].CompareTo(ranks[(b * width) + i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        return order;
    }

    private int Code(int i, AllocationFact fact) => _dimensions[i] switch
    {
        GroupDimension.Epci => Intern(i, fact.EpciSiren),
        GroupDimension.Commune => Intern(i, fact.CommuneCode),
        GroupDimension.Bailleur => Intern(i, fact.BailleurId),
        GroupDimension.Reservataire => fact.Flux switch
        {
            FluxOrigin.Unknown => -1,
            FluxOrigin.BailleurNonReserved or FluxOrigin.ReturnedToBailleur => OwnFluxCode,
            FluxOrigin.WithdrawnFromFlux => OutsideFluxCode,
            FluxOrigin.Prefet => Intern(i, fact.ReservataireId ?? "PREFET"),
            FluxOrigin.Reservataire => Intern(i, fact.ReservataireId),
        },
        GroupDimension.QpvStatus => fact.Qpv is not { } basis ? -1 : basis == QpvBasis.NotInQpv ? 0 : 1,
        GroupDimension.Typology => Intern(i, fact.Typology),
        GroupDimension.Financing => fact.Financing is { } f ? (int)f : -1,
        GroupDimension.ConstructionPeriod => Intern(i, fact.ConstructionPeriod),
        GroupDimension.CalSession => Intern(i, fact.CalSessionId),
        GroupDimension.Month => (fact.SignedOn.Year * 12) + fact.SignedOn.Month - 1,
        GroupDimension.Quarter => (fact.SignedOn.Year * 4) + ((fact.SignedOn.Month - 1) / 3),
        GroupDimension.Semester => (fact.SignedOn.Year * 2) + (fact.SignedOn.Month <= 6 ? 0 : 1),
        GroupDimension.Year => fact.SignedOn.Year,
    };

    private string? Value(int i, int code) => _dimensions[i] switch
    {
        GroupDimension.Reservataire => code switch
        {
            OwnFluxCode => GroupKey.OwnFlux,
            OutsideFluxCode => GroupKey.OutsideFlux,
            < 0 => null,
            _ => _strings[i][code],
        },
        GroupDimension.QpvStatus => code switch { < 0 => null, 0 => GroupKey.OutsideQpv, _ => GroupKey.InQpv },
        GroupDimension.Financing => code < 0 ? null : ((FinancingFamily)code).ToString().ToUpperInvariant(),
        GroupDimension.Month => string.Create(CultureInfo.InvariantCulture, $"{code / 12:D4}-{(code % 12) + 1:D2}"),
        GroupDimension.Quarter => string.Create(CultureInfo.InvariantCulture, $"{code / 4}-T{(code % 4) + 1}"),
        GroupDimension.Semester => string.Create(CultureInfo.InvariantCulture, $"{code / 2}-S{(code % 2) + 1}"),
        GroupDimension.Year => code.ToString(CultureInfo.InvariantCulture),
        GroupDimension.Epci or GroupDimension.Commune or GroupDimension.Bailleur or GroupDimension.Typology
            or GroupDimension.ConstructionPeriod or GroupDimension.CalSession => code < 0 ? null : _strings[i][code],
    };

    private int Intern(int i, string? value)
    {
        if (value is null)
        {
            return -1;
        }

        var map = _interned[i];
        if (!map.TryGetValue(value, out var code))
        {
            code = map.Count;
            map[value] = code;
            _strings[i].Add(value);
        }

        return code;
    }
}
