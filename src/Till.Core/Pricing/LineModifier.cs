namespace Till.Core.Pricing;

/// <summary>A modifier chosen on a line (e.g. extra cheese); its price is added to each unit.</summary>
public sealed record LineModifier(string Name, decimal Price);
