using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Reflection;

namespace Till.Server.Api;

/// <summary>
/// Validates an object with its data annotations and <see cref="IValidatableObject"/>, with the rules and
/// messages of <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
/// (all properties): each property's <see cref="RequiredAttribute"/> first (when it fails, that property's other
/// rules are not checked), then its other rules; the type's own rules and <see cref="IValidatableObject.Validate"/>
/// only when every property is valid. Each type's properties, getters and rules are looked up once: the
/// framework's validator finds them again through type descriptors for every object, and every request is validated.
/// </summary>
internal static class RequestValidator
{
    private static readonly ConcurrentDictionary<Type, TypeRules> Rules = new();

    /// <summary>Adds <paramref name="instance"/>'s errors (without its nested objects') to <paramref name="results"/>; false when there are any.</summary>
    public static bool TryValidate(object instance, List<ValidationResult> results)
    {
        var rules = Rules.GetOrAdd(instance.GetType(), TypeRules.For);
        var before = results.Count;
        var context = new ValidationContext(instance);
        foreach (var property in rules.Properties)
        {
            var value = property.Get(instance);
            (context.MemberName, context.DisplayName) = (property.Name, property.DisplayName);
            if (property.Required is { } required && required.GetValidationResult(value, context) is { } missing)
            {
                results.Add(missing);
                continue;
            }
            foreach (var attribute in property.Others)
                if (attribute.GetValidationResult(value, context) is { } error) results.Add(error);
        }
        if (results.Count > before) return false;

        if (rules.TypeAttributes.Length > 0 || rules.Validatable)
        {
            context = new ValidationContext(instance);
            foreach (var attribute in rules.TypeAttributes)
                if (attribute.GetValidationResult(instance, context) is { } error) results.Add(error);
            if (results.Count > before) return false;
            if (rules.Validatable)
                foreach (var error in ((IValidatableObject)instance).Validate(context))
                    if (error != ValidationResult.Success) results.Add(error);
        }
        return results.Count == before;
    }

    /// <summary>Whether <paramref name="type"/> has rules of its own: data annotations on its properties, or <see cref="IValidatableObject"/>.</summary>
    public static bool HasRules(Type type) => Rules.GetOrAdd(type, TypeRules.For) is { } rules && (rules.Properties.Length > 0 || rules.Validatable);

    /// <summary>The properties of <paramref name="type"/> that can hold a nested object or a list of them (not numbers, flags, text, ids or times), with their getters.</summary>
    public static IReadOnlyList<(string Name, Func<object, object?> Get)> Children(Type type) => Rules.GetOrAdd(type, TypeRules.For).Children;

    private sealed record PropertyRules(string Name, string DisplayName, Func<object, object?> Get, RequiredAttribute? Required, ValidationAttribute[] Others);

    private sealed record TypeRules(PropertyRules[] Properties, ValidationAttribute[] TypeAttributes, bool Validatable, (string Name, Func<object, object?> Get)[] Children)
    {
        public static TypeRules For(Type type)
        {
            var readable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }).ToList();
            return new(
            [.. readable
                .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
                .Where(p => p.Attributes.Length > 0)
                .Select(p =>
                {
                    var required = p.Attributes.OfType<RequiredAttribute>().FirstOrDefault();
                    return new PropertyRules(p.Property.Name, DisplayName(p.Property), Getter(p.Property), required, [.. p.Attributes.Where(a => a != required)]);
                })],
            [.. type.GetCustomAttributes<ValidationAttribute>(inherit: true)],
            typeof(IValidatableObject).IsAssignableFrom(type),
            [.. readable.Where(p => !p.PropertyType.IsValueType && p.PropertyType != typeof(string)).Select(p => (p.Name, Getter(p)))]);
        }

        private static string DisplayName(PropertyInfo property) =>
            property.GetCustomAttribute<DisplayAttribute>()?.GetName()
                ?? property.GetCustomAttribute<System.ComponentModel.DisplayNameAttribute>()?.DisplayName
                ?? property.Name;

        private static Func<object, object?> Getter(PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object));
            var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
        }
    }
}
