using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KvsReporting.AwsConformance;

/// <summary>Constraint checks on scalar values: enum, length, range, pattern (Smithy semantics).</summary>
internal static class ValueChecks
{
    public static void String(JsonElement shape, string value, string path, List<string> problems)
    {
        if (shape.TryGetProperty("enum", out var values))
        {
            var allowed = values.EnumerateArray().Select(v => v.GetString()).ToList();
            if (!allowed.Contains(value))
            {
                problems.Add($"{path}: '{value}' is not one of {string.Join(", ", allowed)}");
            }
        }

        var length = value.EnumerateRunes().Count();
        if (shape.TryGetProperty("min", out var min) && length < min.GetDouble())
        {
            problems.Add($"{path}: length {length} is below the minimum {min}");
        }

        if (shape.TryGetProperty("max", out var max) && length > max.GetDouble())
        {
            problems.Add($"{path}: length {length} is above the maximum {max}");
        }

        if (ServiceModel.Str(shape, "pattern") is { } pattern)
        {
            // The services validate with a full match (Java's matches()), and the models often leave out the
            // anchors (Athena's WorkGroupName is "[a-zA-Z0-9._-]{1,128}"), so match the whole value.
            Regex regex;
            try
            {
                regex = new Regex("^(?:" + pattern + ")\\z", RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                return; // a pattern .NET cannot compile is reported as unchecked, not as a failure
            }

            if (!regex.IsMatch(value))
            {
                problems.Add($"{path}: '{value}' does not match the pattern {pattern}");
            }
        }
    }

    public static void Number(JsonElement shape, double value, string path, List<string> problems)
    {
        if (shape.TryGetProperty("min", out var min) && value < min.GetDouble())
        {
            problems.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min}");
        }

        if (shape.TryGetProperty("max", out var max) && value > max.GetDouble())
        {
            problems.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max}");
        }
    }

    public static void Count(JsonElement shape, int count, string path, List<string> problems)
    {
        if (shape.TryGetProperty("min", out var min) && count < min.GetDouble())
        {
            problems.Add($"{path}: {count} items, the minimum is {min}");
        }

        if (shape.TryGetProperty("max", out var max) && count > max.GetDouble())
        {
            problems.Add($"{path}: {count} items, the maximum is {max}");
        }
    }

    /// <summary>Checks a scalar given as text (query strings, headers, URI labels, Query protocol values).</summary>
    public static void Text(JsonElement shape, string value, string path, List<string> problems)
    {
        switch (ServiceModel.Type(shape))
        {
            case "string":
                String(shape, value, path, problems);
                break;
            case "integer" or "long":
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    Number(shape, whole, path, problems);
                }
                else
                {
                    problems.Add($"{path}: '{value}' is not an integer");
                }

                break;
            case "double" or "float":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                {
                    Number(shape, real, path, problems);
                }
                else
                {
                    problems.Add($"{path}: '{value}' is not a number");
                }

                break;
            case "boolean":
                if (value is not ("true" or "false"))
                {
                    problems.Add($"{path}: '{value}' is not true/false");
                }

                break;
            case "timestamp":
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                    && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{path}: '{value}' is not a timestamp");
                }

                break;
            case "blob":
                break;
            default:
                problems.Add($"{path}: a {ServiceModel.Type(shape)} cannot be sent as text");
                break;
        }
    }
}
