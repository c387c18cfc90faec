using System.Text.Json;

namespace Till.Sdk;

/// <summary>One mirrored row: the latest server version the device has, with local pending edits applied.</summary>
public sealed record StoredEntity(string Entity, Guid Id, long Version, JsonElement Data);
