using KvsReporting.Crawler;
using Xunit;

namespace KvsReporting.Tests.Crawler;

public sealed class GlueCronScheduleTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("cron(0 0 * * ? *)", "at 00:00 UTC every day")]
    [InlineData("cron(15 6 ? * MON-FRI *)", "at 06:15 UTC on weekdays (Monday to Friday)")]
    [InlineData("cron(0 12 ? * 1,7 *)", "at 12:00 UTC on weekends")]
    [InlineData("cron(30 2 L * ? *)", "at 02:30 UTC on the last day of the month")]
    [InlineData("cron(0 8 ? * 2#1 *)", "at 08:00 UTC on the first Monday of the month")]
    [InlineData("cron(0/15 * * * ? *)", "every 15 minutes every day")]
    [InlineData("cron(5 * * * ? *)", "every hour at minute 5 every day")]
    public void Describes_the_schedule_in_plain_words(string expression, string expected) =>
        Assert.Equal(expected, GlueCronSchedule.Parse(expression).Describe());

    [Fact]
    public void The_seed_schedule_runs_next_at_the_coming_midnight_utc()
    {
        var schedule = GlueCronSchedule.Parse("cron(0 0 * * ? *)");
        Assert.Equal(Utc(2025, 6, 2), schedule.NextRun(Utc(2025, 6, 1, 14, 3)));
        Assert.Equal(Utc(2025, 6, 2), schedule.NextRun(Utc(2025, 6, 1, 23, 59)));
        // exactly at a run time, the next run is the following one
        Assert.Equal(Utc(2025, 6, 3), schedule.NextRun(Utc(2025, 6, 2)));
    }

    [Fact]
    public void Next_run_honours_weekdays_last_day_nth_weekday_and_nearest_weekday()
    {
        // 2025-06-06 is a Friday: the next weekday run is Monday 2025-06-09
        Assert.Equal(Utc(2025, 6, 9, 6, 15), GlueCronSchedule.Parse("cron(15 6 ? * MON-FRI *)").NextRun(Utc(2025, 6, 6, 7)));
        // last day of February in a leap year
        Assert.Equal(Utc(2024, 2, 29, 2, 30), GlueCronSchedule.Parse("cron(30 2 L * ? *)").NextRun(Utc(2024, 2, 10)));
        // first Monday of July 2025 is the 7th
        Assert.Equal(Utc(2025, 7, 7, 8), GlueCronSchedule.Parse("cron(0 8 ? * 2#1 *)").NextRun(Utc(2025, 6, 3)));
        // 2025-06-15 is a Sunday: the nearest weekday is Monday the 16th
        Assert.Equal(Utc(2025, 6, 16, 1), GlueCronSchedule.Parse("cron(0 1 15W * ? *)").NextRun(Utc(2025, 6, 1)));
        // last Friday of June 2025 is the 27th
        Assert.Equal(Utc(2025, 6, 27, 9), GlueCronSchedule.Parse("cron(0 9 ? * 6L *)").NextRun(Utc(2025, 6, 1)));
        // every 15 minutes
        Assert.Equal(Utc(2025, 6, 1, 10, 15), GlueCronSchedule.Parse("cron(0/15 * * * ? *)").NextRun(Utc(2025, 6, 1, 10, 7)));
    }

    [Fact]
    public void A_schedule_limited_to_past_years_has_no_next_run() =>
        Assert.Null(GlueCronSchedule.Parse("cron(0 0 1 1 ? 2020)").NextRun(Utc(2025, 1, 1)));

    [Theory]
    [InlineData("cron(0 0 * * *)")]
    [InlineData("cron(0 0 * * * *)")]
    [InlineData("cron(0 0 ? * ? *)")]
    [InlineData("cron(61 0 * * ? *)")]
    [InlineData("cron(0 25 * * ? *)")]
    [InlineData("cron(0 0 ? * FUNDAY *)")]
    [InlineData("rate(1 day)")]
    public void Rejects_what_Glue_rejects(string expression)
    {
        Assert.Throws<FormatException>(() => GlueCronSchedule.Parse(expression));
        Assert.False(GlueCronSchedule.TryParse(expression, out _));
    }
}
