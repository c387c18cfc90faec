namespace Till.Core.Refunds;

/// <summary>A quantity of one order line (by <see cref="Pricing.PricedLine.Index"/>) coming back.</summary>
public sealed record ReturnedQuantity(int LineIndex, decimal Quantity);
