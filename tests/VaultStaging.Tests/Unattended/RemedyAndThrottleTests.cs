using System;
using System.Linq;
using VaultStaging.Cli;
using VaultStaging.Core;
using VaultStaging.Core.Http;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Unattended;

/// <summary>Remedies are data each front end names; throttling is summed up, not logged per request.</summary>
public sealed class RemedyAndThrottleTests
{
    private static readonly VaultStagingException Exists = new("StagingItemExists", VaultErrorCategory.ResourceExists, "'/in/a' already exists.")
    {
        Remedies = new[] { new Remedy(RemedyAction.Update, "to replace it when it differs"), new Remedy(RemedyAction.Overwrite, "to replace it always") },
    };

    [Fact]
    public void The_cli_names_its_own_flags_and_never_a_module_switch()
    {
        var text = Exists.Describe(CliRemedies.Instance);
        Assert.Equal("'/in/a' already exists. To replace it when it differs, use --update; to replace it always, use --overwrite.", text);
    }

    [Fact]
    public void Every_remedy_has_a_cli_name_free_of_module_words()
    {
        foreach (var action in Enum.GetValues<RemedyAction>())
        {
            var name = CliRemedies.Instance.Name(action);
            Assert.DoesNotContain("Connect-Vault", name);
            Assert.DoesNotMatch(@"(^|\s)-[A-Z]", name);
        }
    }

    [Fact]
    public void Without_a_front_end_the_message_is_host_neutral()
    {
        Assert.StartsWith("'/in/a' already exists. To replace it when it differs, use the update option", Exists.Message);
        Assert.Equal("'/in/a' already exists.", Exists.Summary);
    }

    [Fact]
    public void Throttling_is_one_line_at_once_then_at_most_one_a_minute_and_a_total()
    {
        var clock = new ManualClock();
        var report = new ThrottleReport(clock);

        var first = report.Add(500);
        var lines = Enumerable.Range(0, 99).Select(_ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            return report.Add(500);
        }).Where(l => l is not null).ToList();
        clock.Advance(TimeSpan.FromMinutes(1));
        var minuteLater = report.Add(500);

        Assert.NotNull(first);
        Assert.Contains("1 request(s)", first);
        Assert.Empty(lines);
        Assert.NotNull(minuteLater);
        Assert.Contains("100 request(s) by 50.0 s in all in the last minute", minuteLater);
        Assert.Equal("Vault delayed 101 request(s) by 50.5 s in total (API burst limit).", report.Summary());
    }

    [Fact]
    public void No_throttling_no_summary() => Assert.Null(new ThrottleReport(TimeProvider.System).Summary());
}
