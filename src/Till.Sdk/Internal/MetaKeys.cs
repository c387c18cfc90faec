namespace Till.Sdk.Internal;

/// <summary>Keys of the store's <c>meta</c> table.</summary>
internal static class MetaKeys
{
    public const string Cursor = "cursor";
    public const string NextMutationSeq = "next_mutation_seq";
    public const string SnapshotAfter = "snapshot_after";
    public const string SnapshotUpto = "snapshot_upto";
    public const string Device = "device";
    public const string Tokens = "tokens";
    public const string ReceiptSeq = "receipt_seq";
    public const string LicenseToken = "license_token";
    public const string LicensePublicKey = "license_public_key";
    public const string LastSyncAt = "last_sync_at";
}
