namespace Till.Core.Refunds;

/// <summary>What one returned line gives back: the amount, and the tax inside it.</summary>
public sealed record RefundLine(int LineIndex, decimal Quantity, decimal Amount, decimal Tax);
