namespace Till.Core.Pricing;

/// <summary>Tax collected at one rate: the taxable base (without tax) and the tax.</summary>
public sealed record TaxLine(decimal Rate, decimal Base, decimal Tax);
