using System.Reflection;

namespace KvsReporting.Aws.Runtime;

/// <summary>Fills empty [AwsIdempotencyToken] members once per logical call.</summary>
internal static class IdempotencyTokens
{
    public static void Fill(object input)
    {
        foreach (var property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string)
                && property.CanWrite
                && property.IsDefined(typeof(AwsIdempotencyTokenAttribute), true)
                && string.IsNullOrEmpty((string?)property.GetValue(input)))
            {
                property.SetValue(input, Guid.NewGuid().ToString());
            }
        }
    }
}
