namespace Till.Core.Receipts;

/// <summary>Paper widths, valued in characters per line of the printer's standard font.</summary>
public enum ReceiptWidth
{
    /// <summary>58 mm paper: 32 columns.</summary>
    Mm58 = 32,

    /// <summary>80 mm paper: 48 columns.</summary>
    Mm80 = 48,
}
