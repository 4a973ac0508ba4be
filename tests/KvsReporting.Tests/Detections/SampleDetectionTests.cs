using System.Text.RegularExpressions;
using KvsReporting.Detections;
using KvsReporting.Tests.Local;
using Xunit;

namespace KvsReporting.Tests.Detections;

public sealed class SampleDetectionTests
{
    private static readonly LicensePlateDetection[] Week = TempStack.Sample(20_000, seed: 11);

    [Fact]
    public void The_same_seed_gives_the_same_detections_and_another_seed_others()
    {
        var again = TempStack.Sample(20_000, seed: 11);
        var other = TempStack.Sample(20_000, seed: 12);

        Assert.Equal(Week.Select(d => d.ToString()), again.Select(d => d.ToString()));
        Assert.NotEqual(Week.Select(d => d.LicensePlate), other.Select(d => d.LicensePlate));
    }

    [Fact]
    public void Detections_look_like_the_Lambda_writes_them()
    {
        Assert.Equal(Week.Length, Week.Select(d => d.ImageName).Distinct().Count());
        Assert.All(Week, d =>
        {
            Assert.InRange(d.Confidence!.Value, 80.00m, 99.99m);
            Assert.Equal(d.Confidence.Value, Math.Round(d.Confidence.Value, 2));
            Assert.Matches("^[A-Z0-9 -]+$", d.LicensePlate);
            Assert.InRange(d.LicensePlate.Count(char.IsLetterOrDigit), 3, 10);
            Assert.True(d.Timestamp > d.FrameTime, "the Lambda runs after the frame");
        });
        Assert.True(Week.Average(d => (double)d.Confidence!.Value) > 93, "confidence should skew high");
        Assert.True(Week.Select(d => Regex.Replace(d.LicensePlate, "[A-Z]", "L").Replace('0', 'D')).Select(p => Regex.Replace(p, "[0-9]", "D")).Distinct().Count() >= 8, "several plate formats");
    }

    [Fact]
    public void Traffic_follows_the_day_and_the_week_and_regulars_return()
    {
        var byHour = Week.GroupBy(d => d.FrameTime!.Value.Hour).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byHour[8] > 5 * byHour[3], "the morning peak should dwarf the night");
        var sundays = Week.Count(d => d.FrameTime!.Value.DayOfWeek == DayOfWeek.Sunday);
        var fridays = Week.Count(d => d.FrameTime!.Value.DayOfWeek == DayOfWeek.Friday);
        Assert.True(fridays > 1.5 * sundays, "weekdays should be busier than Sunday");
        var visits = Week.GroupBy(d => d.LicensePlate).Select(g => g.Count()).OrderByDescending(n => n).ToList();
        Assert.True(visits[0] >= 20, "the most frequent plate should return many times a week");
        Assert.True(visits[0] < Week.Length / 100, "no single plate should dominate the traffic");
        Assert.True(visits.Count(n => n == 1) > Week.Length / 3, "most other plates are seen once");
    }

    [Fact]
    public void Camera_and_frame_time_parse_back_from_the_key()
    {
        foreach (var d in Week.Take(100))
        {
            Assert.True(ImageKey.TryParse(d.ImageName, out var camera, out var frameTime));
            Assert.Equal(d.Camera, camera);
            Assert.Equal(d.FrameTime, frameTime);
            Assert.StartsWith($"{camera}/{frameTime:yyyy}/{frameTime:MM}/{frameTime:dd}/{frameTime:HH}/{camera}-", d.ImageName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frame_keys_are_exactly_the_stream_export_shape()
    {
        var time = new DateTimeOffset(2025, 6, 1, 14, 3, 7, 123, TimeSpan.Zero);
        Assert.Equal("gate-north/2025/06/01/14/gate-north-20250601T140307123.jpg", ImageKey.Format("gate-north", time));
        foreach (var d in Week)
        {
            // nothing after the extension: a stray character would become part of the DynamoDB key
            Assert.Matches(@"^[a-z-]+/\d{4}/\d\d/\d\d/\d\d/[a-z-]+-\d{8}T\d{9}\.jpg\z", d.ImageName);
        }
    }

    [Theory]
    [InlineData("gate-north/2025/06/01/14/gate-north-20250601T140307123.jpg", "gate-north", "2025-06-01T14:03:07.123Z")]
    [InlineData("exports/lot-a-20251231T235959999.jpeg", "lot-a", "2025-12-31T23:59:59.999Z")]
    public void Frame_keys_parse(string key, string camera, string time)
    {
        Assert.True(ImageKey.TryParse(key, out var c, out var t));
        Assert.Equal(camera, c);
        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), t);
    }

    [Theory]
    [InlineData("frame.jpg")]
    [InlineData("cam/cam-2025060114.jpg")]
    [InlineData("cam/cam-20251301T000000000.jpg")]
    [InlineData("")]
    public void Other_keys_do_not_parse(string key) => Assert.False(ImageKey.TryParse(key, out _, out _));
}
