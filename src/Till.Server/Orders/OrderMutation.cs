using Till.Server.Api;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>
/// Base of the selling mutation handlers: reads and validates the payload with the REST API's own
/// rules (nested lines and payments included), runs the shared domain service and turns its
/// refusal into a permanent rejection.
/// </summary>
internal abstract class OrderMutation<TPayload> : ISyncMutationHandler where TPayload : class
{
    public abstract string Kind { get; }
    public abstract string? Permission { get; }

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var payload = context.Payload<TPayload>();
        if (ValidationFilter.Errors(payload) is { Count: > 0 } errors)
            throw new MutationRejectedException(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        try
        {
            return MutationOutcome.Applied(await ApplyAsync(context, payload, ct));
        }
        catch (OrderRefusedException e)
        {
            throw new MutationRejectedException(e.Error.Field is { } field ? $"{field}: {e.Error.Message}" : e.Error.Message);
        }
    }

    protected abstract Task<object?> ApplyAsync(MutationContext context, TPayload payload, CancellationToken ct);
}
