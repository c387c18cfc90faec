using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Till.Server.Api;

/// <summary>The paging, search and sort parameters every list endpoint takes.</summary>
internal sealed record PageQuery
{
    public const int MaxPerPage = 500;

    [FromQuery(Name = "page")]
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    [FromQuery(Name = "per_page")]
    [Range(1, MaxPerPage)]
    public int? PerPage { get; init; }

    [FromQuery(Name = "search")]
    [StringLength(200)]
    public string? Search { get; init; }

    /// <summary>A field name, <c>-</c> in front for descending (e.g. <c>-created_at</c>).</summary>
    [FromQuery(Name = "sort")]
    [StringLength(64)]
    public string? Sort { get; init; }

    public int PageNumber => Page ?? 1;
    public int Size => PerPage ?? 25;
    public string? SearchTerm => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
}

internal sealed record PageMeta(int Page, int PerPage, int Total);

internal sealed record PagedResponse<T>(IReadOnlyList<T> Data, PageMeta Meta);
