namespace Till.Core.Receipts;

/// <summary>The shape of a receipt row.</summary>
internal enum ReceiptRowKind
{
    /// <summary>A full-width separator.</summary>
    Rule,

    /// <summary>Centred text, wrapped.</summary>
    Center,

    /// <summary>Left-aligned text, wrapped.</summary>
    Text,

    /// <summary>A label on the left and an amount on the right.</summary>
    Pair,
}
