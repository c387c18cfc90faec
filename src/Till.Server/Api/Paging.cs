using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Till.Server.Api;

internal static class Paging
{
    public static async Task<PagedResponse<T>> ToPageAsync<T>(this IQueryable<T> query, PageQuery page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page.PageNumber - 1) * page.Size).Take(page.Size).ToListAsync(ct);
        return new PagedResponse<T>(items, new PageMeta(page.PageNumber, page.Size, total));
    }
}

/// <summary>
/// The sortable fields of a list endpoint, by their snake_case names. Unknown fields are a 400,
/// so a typo never silently returns an unsorted list.
/// </summary>
internal sealed class SortMap<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _fields = new(StringComparer.Ordinal);
    private readonly string _default;

    public SortMap(string defaultSort) => _default = defaultSort;

    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = (q, desc) => desc ? q.OrderByDescending(key) : q.OrderBy(key);
        return this;
    }

    public IEnumerable<string> Fields => _fields.Keys;

    /// <summary>Applies <paramref name="sort"/>, or returns false when it names an unknown field.</summary>
    public bool TryApply(IQueryable<T> query, string? sort, out IQueryable<T> sorted)
    {
        var spec = string.IsNullOrWhiteSpace(sort) ? _default : sort.Trim();
        var desc = spec.StartsWith('-');
        var name = desc ? spec[1..] : spec;
        if (!_fields.TryGetValue(name, out var apply))
        {
            sorted = query;
            return false;
        }

        sorted = apply(query, desc);
        return true;
    }

    public IResult UnknownField(string? sort) => Problems.Validation("sort",
        $"'{sort}' is not a sortable field. Use one of: {string.Join(", ", _fields.Keys)} (prefix '-' for descending).");
}
