using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Till.Server.Api;

/// <summary>
/// Endpoints whose answer is one small record (a sale, a tab after a line operation): sent as they are, even to a
/// client that accepts compressed bodies. Compressing a couple of KiB saves a packet or two and costs the server
/// a compressor's set-up (zlib zeroes a quarter of a megabyte of state for every stream) and the till its
/// decompression, on the path of every checkout (about 6 % of a checkout's CPU in the bench process).
/// Lists, reports, pulls and snapshots stay compressed.
/// </summary>
internal static class SmallAnswers
{
    private sealed class Marker;

    private static readonly Marker Instance = new();

    /// <summary>Marks the endpoint's answers as small: never compressed.</summary>
    public static TBuilder WithSmallAnswer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Instance);

    /// <summary>The framework's rules (client's encodings, content types), and no compression for a small answer.</summary>
    internal sealed class CompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is null && base.ShouldCompressResponse(context);
    }
}
