using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Till.Server.Api;

/// <summary>
/// Validates every request object (body records and [AsParameters] queries) with data annotations
/// and <see cref="IValidatableObject"/>, and answers 400 listing every field error at once, with
/// the snake_case names the client sent.
/// </summary>
internal sealed class ValidationFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, bool> Validatable = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !IsValidatable(argument.GetType())) continue;
            Collect(argument, prefix: "", errors: ref errors, depth: 0);
        }

        return errors is null ? await next(context) : Problems.Validation(errors);
    }

    /// <summary>Every field error of <paramref name="instance"/> and its nested objects, or null when it is valid (sync payloads use it too).</summary>
    public static Dictionary<string, string[]>? Errors(object instance)
    {
        Dictionary<string, string[]>? errors = null;
        Collect(instance, prefix: "", errors: ref errors, depth: 0);
        return errors;
    }

    private static void Collect(object instance, string prefix, ref Dictionary<string, string[]>? errors, int depth)
    {
        var results = new List<ValidationResult>();
        RequestValidator.TryValidate(instance, results);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members)
            {
                var key = prefix + FieldName(instance.GetType(), member);
                errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                // Name the field as the client spelled it, not as the C# property is called.
                var message = (result.ErrorMessage ?? "Invalid value.").Replace(member.Length > 0 ? member : "\0", key, StringComparison.Ordinal);
                errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
            }
        }

        if (depth > 4) return;
        // Nested request objects and lists of them (e.g. order lines) are validated too.
        foreach (var property in RequestValidator.Children(instance.GetType()))
        {
            var value = property.Get(instance);
            // Named only when descended into.
            string Name() => prefix + FieldName(instance.GetType(), property.Name);
            if (value is System.Collections.IEnumerable list and not string)
            {
                var i = 0;
                foreach (var item in list)
                {
                    if (item is not null && IsValidatable(item.GetType())) Collect(item, $"{Name()}[{i}].", ref errors, depth + 1);
                    i++;
                }
            }
            else if (value is not null && IsValidatable(value.GetType()))
            {
                Collect(value, Name() + ".", ref errors, depth + 1);
            }
        }
    }

    private static readonly ConcurrentDictionary<(Type, string), string> FieldNames = new();

    private static string FieldName(Type type, string member) => string.IsNullOrEmpty(member) ? "$" : FieldNames.GetOrAdd((type, member), key =>
        key.Item1.GetProperty(key.Item2)?.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(key.Item2));

    /// <summary>A type with validation rules: data annotations on its properties, or <see cref="IValidatableObject"/>.</summary>
    private static bool IsValidatable(Type type) => Validatable.GetOrAdd(type, t =>
        t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("Till.", StringComparison.Ordinal) == true && RequestValidator.HasRules(t));
}
