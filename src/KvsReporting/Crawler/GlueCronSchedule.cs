using System.Globalization;
using System.Text;

namespace KvsReporting.Crawler;

/// <summary>
/// A Glue/EventBridge cron expression: <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, always
/// in UTC. Supports <c>* ? , - /</c>, <c>L</c> (last day of month, last weekday N as <c>NL</c>), <c>W</c> (nearest
/// weekday) and <c>#</c> (Nth weekday), day and month names. Used to describe a crawler's schedule in plain words
/// and to compute its next run.
/// </summary>
public sealed class GlueCronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly SortedSet<int> minutes;
    private readonly SortedSet<int> hours;
    private readonly DayOfMonthRule dayOfMonth;
    private readonly SortedSet<int> months;
    private readonly DayOfWeekRule dayOfWeek;
    private readonly SortedSet<int>? years;
    private readonly string[] fields;

    private GlueCronSchedule(string expression, string[] fields)
    {
        Expression = expression;
        this.fields = fields;
        minutes = ParseSet(fields[0], 0, 59, null, "minutes");
        hours = ParseSet(fields[1], 0, 23, null, "hours");
        dayOfMonth = DayOfMonthRule.Parse(fields[2]);
        months = ParseSet(fields[3], 1, 12, MonthNames, "month");
        dayOfWeek = DayOfWeekRule.Parse(fields[4]);
        years = fields[5] == "*" ? null : ParseSet(fields[5], 1970, 2199, null, "year");
        // Glue (like EventBridge) restricts one of the two day fields; the other must be '?'.
        if ((fields[2] == "?") == (fields[4] == "?"))
        {
            throw new FormatException($"'{expression}': exactly one of day-of-month and day-of-week must be '?'.");
        }
    }

    /// <summary>The expression as given, e.g. <c>cron(0 0 * * ? *)</c>.</summary>
    public string Expression { get; }

    /// <summary>Parses <c>cron(...)</c> (or the six bare fields).</summary>
    /// <exception cref="FormatException">The expression is not a valid Glue cron expression.</exception>
    public static GlueCronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var body = expression.Trim();
        if (body.StartsWith("cron(", StringComparison.OrdinalIgnoreCase) && body.EndsWith(')'))
        {
            body = body[5..^1];
        }

        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException($"'{expression}' is not a Glue cron expression: expected cron(Minutes Hours Day-of-month Month Day-of-week Year), six fields.");
        }

        return new GlueCronSchedule(expression.Trim(), parts.Select(p => p.ToUpperInvariant()).ToArray());
    }

    public static bool TryParse(string? expression, out GlueCronSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            schedule = Parse(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The first run strictly after <paramref name="after"/> (UTC), or null when none within 5 years.</summary>
    public DateTimeOffset? NextRun(DateTimeOffset after)
    {
        var start = after.ToUniversalTime();
        var cursor = new DateTime(start.Year, start.Month, start.Day, 0, 0, 0, DateTimeKind.Utc);
        var firstMinute = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        for (var day = 0; day < 366 * 5; day++, cursor = cursor.AddDays(1))
        {
            if ((years is not null && !years.Contains(cursor.Year)) || !months.Contains(cursor.Month))
            {
                continue;
            }

            if (!dayOfMonth.Matches(cursor) || !dayOfWeek.Matches(cursor))
            {
                continue;
            }

            foreach (var hour in hours)
            {
                foreach (var minute in minutes)
                {
                    var candidate = cursor.AddHours(hour).AddMinutes(minute);
                    if (candidate >= firstMinute)
                    {
                        return new DateTimeOffset(candidate, TimeSpan.Zero);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The schedule in plain words, e.g. "daily at 00:00 UTC".</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(DescribeTime());
        var days = DescribeDays();
        if (days.Length > 0)
        {
            text.Append(' ').Append(days);
        }

        if (fields[3] != "*")
        {
            text.Append(", in ").Append(DescribeList(fields[3], v => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(int.Parse(v, CultureInfo.InvariantCulture)), MonthNames, 1));
        }

        if (fields[5] != "*")
        {
            text.Append(", in ").Append(fields[5].Replace(",", ", ", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    public override string ToString() => Expression;

    private string DescribeTime()
    {
        if (minutes.Count == 1 && hours.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"at {hours.Min:00}:{minutes.Min:00} UTC");
        }

        if (minutes.Count == 1 && fields[1] == "*")
        {
            return string.Create(CultureInfo.InvariantCulture, $"every hour at minute {minutes.Min}");
        }

        if (minutes.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"at minute {minutes.Min} past hours {string.Join(", ", hours)} UTC");
        }

        if (fields[0].Contains('/', StringComparison.Ordinal) && fields[1] == "*")
        {
            return $"every {fields[0].Split('/')[1]} minutes";
        }

        return $"at minutes {string.Join(", ", minutes)} past hours {(fields[1] == "*" ? "every hour" : string.Join(", ", hours))} UTC";
    }

    private string DescribeDays()
    {
        if (dayOfMonth.IsAny && dayOfWeek.IsAny)
        {
            return "every day";
        }

        if (!dayOfWeek.IsAny)
        {
            return "on " + dayOfWeek.Describe();
        }

        return "on " + dayOfMonth.Describe();
    }

    private static string DescribeList(string field, Func<string, string> name, string[] names, int firstValue)
    {
        var items = field.Split(',').Select(item =>
        {
            var range = item.Split('-');
            string Value(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? name(v)
                : name((Array.IndexOf(names, v) + firstValue).ToString(CultureInfo.InvariantCulture));
            return range.Length == 2 ? $"{Value(range[0])} to {Value(range[1])}" : Value(item);
        });
        return string.Join(", ", items);
    }

    internal static SortedSet<int> ParseSet(string field, int min, int max, string[]? names, string what)
    {
        var set = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var rangeText = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = ParseNumber(part[(slash + 1)..], 1, max, null, what, 0);
                rangeText = part[..slash];
            }

            int low;
            int high;
            if (rangeText is "*" or "?")
            {
                (low, high) = (min, max);
            }
            else if (rangeText.Contains('-', StringComparison.Ordinal))
            {
                var bounds = rangeText.Split('-');
                low = ParseNumber(bounds[0], min, max, names, what, min);
                high = ParseNumber(bounds[1], min, max, names, what, min);
                if (high < low)
                {
                    throw new FormatException($"The {what} range '{rangeText}' runs backwards.");
                }
            }
            else
            {
                low = ParseNumber(rangeText, min, max, names, what, min);
                high = slash >= 0 ? max : low;
            }

            for (var v = low; v <= high; v += step)
            {
                set.Add(v);
            }
        }

        return set;
    }

    internal static int ParseNumber(string text, int min, int max, string[]? names, string what, int nameBase)
    {
        if (names is not null)
        {
            var index = Array.IndexOf(names, text);
            if (index >= 0)
            {
                return index + nameBase;
            }
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"'{text}' is not a valid {what} value ({min}-{max}).");
        }

        return value;
    }

    /// <summary>Day-of-month field: a set, <c>L</c> (last day), <c>NW</c> (weekday nearest N), <c>LW</c>.</summary>
    private sealed class DayOfMonthRule
    {
        private SortedSet<int>? days;
        private bool last;
        private int? nearestWeekday;
        private string text = "*";

        public bool IsAny { get; private set; }

        public static DayOfMonthRule Parse(string field)
        {
            var rule = new DayOfMonthRule { text = field };
            if (field is "*" or "?")
            {
                rule.IsAny = true;
            }
            else if (field == "L")
            {
                rule.last = true;
            }
            else if (field == "LW")
            {
                rule.last = true;
                rule.nearestWeekday = 0;
            }
            else if (field.EndsWith('W'))
            {
                rule.nearestWeekday = ParseNumber(field[..^1], 1, 31, null, "day-of-month", 1);
            }
            else
            {
                rule.days = ParseSet(field, 1, 31, null, "day-of-month");
            }

            return rule;
        }

        public bool Matches(DateTime date)
        {
            if (IsAny)
            {
                return true;
            }

            var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
            if (nearestWeekday is { } n)
            {
                var target = last ? daysInMonth : Math.Min(n, daysInMonth);
                return date.Day == NearestWeekday(date.Year, date.Month, target);
            }

            return last ? date.Day == daysInMonth : days!.Contains(date.Day);
        }

        public string Describe() => text switch
        {
            "L" => "the last day of the month",
            "LW" => "the last weekday of the month",
            _ when nearestWeekday is { } n => $"the weekday nearest day {n} of the month",
            _ => $"day {text.Replace(",", ", ", StringComparison.Ordinal)} of the month",
        };

        private static int NearestWeekday(int year, int month, int day)
        {
            var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return date.DayOfWeek switch
            {
                DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
                DayOfWeek.Sunday => day == DateTime.DaysInMonth(year, month) ? day - 2 : day + 1,
                _ => day,
            };
        }
    }

    /// <summary>Day-of-week field (1-7 = SUN-SAT): a set, <c>NL</c> (last N of the month), <c>N#k</c> (k-th N).</summary>
    private sealed class DayOfWeekRule
    {
        private SortedSet<int>? days;
        private int? lastOf;
        private (int Day, int Nth)? nth;
        public bool IsAny { get; private set; }

        public static DayOfWeekRule Parse(string field)
        {
            var rule = new DayOfWeekRule();
            if (field is "*" or "?")
            {
                rule.IsAny = true;
            }
            else if (field.Length > 1 && field.EndsWith('L'))
            {
                rule.lastOf = ParseNumber(field[..^1], 1, 7, DayNames, "day-of-week", 1);
            }
            else if (field.Contains('#', StringComparison.Ordinal))
            {
                var parts = field.Split('#');
                rule.nth = (ParseNumber(parts[0], 1, 7, DayNames, "day-of-week", 1), ParseNumber(parts[1], 1, 5, null, "day-of-week occurrence", 1));
            }
            else
            {
                rule.days = ParseSet(field, 1, 7, DayNames, "day-of-week");
            }

            return rule;
        }

        public bool Matches(DateTime date)
        {
            if (IsAny)
            {
                return true;
            }

            var cronDay = (int)date.DayOfWeek + 1;
            if (lastOf is { } l)
            {
                return cronDay == l && date.AddDays(7).Month != date.Month;
            }

            if (nth is { } n)
            {
                return cronDay == n.Day && ((date.Day - 1) / 7) + 1 == n.Nth;
            }

            return days!.Contains(cronDay);
        }

        public string Describe()
        {
            static string Name(int day) => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName((DayOfWeek)(day - 1));
            if (lastOf is { } l)
            {
                return $"the last {Name(l)} of the month";
            }

            if (nth is { } n)
            {
                var ordinal = n.Nth switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", _ => "fifth" };
                return $"the {ordinal} {Name(n.Day)} of the month";
            }

            var set = days!;
            if (set.SetEquals([2, 3, 4, 5, 6]))
            {
                return "weekdays (Monday to Friday)";
            }

            if (set.SetEquals([1, 7]))
            {
                return "weekends";
            }

            return string.Join(", ", set.Select(Name));
        }
    }
}
