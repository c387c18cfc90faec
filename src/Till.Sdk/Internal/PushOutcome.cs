namespace Till.Sdk.Internal;

/// <summary>What one push achieved.</summary>
internal sealed class PushOutcome
{
    public int Done { get; set; }
    public int Rejected { get; set; }
    public bool Retry { get; set; }
    public bool Gap { get; set; }
}
