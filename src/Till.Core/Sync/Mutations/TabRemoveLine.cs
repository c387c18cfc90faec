namespace Till.Core.Sync.Mutations;

/// <summary><c>tab.remove_line</c>: removes one line of an open order.</summary>
public sealed record TabRemoveLine(Guid OrderId, Guid LineId);
