using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn5.c</c>: closefrom closes every descriptor from the low one up
/// (with gaps in between too) and keeps every one below; later actions can open descriptors again.
/// The test holds a hundred inheritable /dev/null descriptors; the child lists what it has.
/// </summary>
public sealed class CloseFromTests : LeakCheckedTest
{
    private const int Count = 100;
    private readonly List<SafeFileHandle> _descriptors = [];

    public CloseFromTests()
    {
        for (int i = 0; i < Count; i++)
        {
            _descriptors.Add(LibC.OpenOwned("/dev/null", OpenFlags.O_RDONLY));
        }
    }

    // open() takes the lowest free number, so the list is in ascending order; the test host's own
    // descriptors may leave gaps between ours.
    private int LowFd => _descriptors[0].Fd();

    private int Half => _descriptors[Count / 2].Fd();

    [Fact]
    public void Closes_the_upper_half_and_keeps_the_lower()
    {
        int half = Half;

        AssertChildKeepsExactly(new SpawnFileActions().AddCloseFrom(half), Held().Where(fd => fd < half));
    }

    [Fact]
    public void Closes_across_gaps()
    {
        int half = Half;
        foreach (int index in new[] { 57, 78, 81, 82, 84, 90 })
        {
            _descriptors[index].Dispose();
        }

        AssertChildKeepsExactly(new SpawnFileActions().AddCloseFrom(half), Held().Where(fd => fd < half));
    }

    [Fact]
    public void Closes_all_but_the_lowest()
    {
        int low = LowFd;

        AssertChildKeepsExactly(new SpawnFileActions().AddCloseFrom(low + 1), [low]);
    }

    [Fact]
    public void Closes_everything_from_the_lowest()
    {
        AssertChildKeepsExactly(new SpawnFileActions().AddCloseFrom(LowFd), []);
    }

    [Fact]
    public void Later_actions_open_descriptors_again()
    {
        int low = LowFd;
        var actions = new SpawnFileActions()
            .AddCloseFrom(low + 1)
            .AddOpen(low, "/dev/null", OpenFlags.O_RDONLY, 0)
            .AddDup2(low, low + 1)
            .AddOpen(low, "/dev/null", OpenFlags.O_RDONLY, 0);

        AssertChildKeepsExactly(actions, [low, low + 1]);
    }

    protected override void ReleaseFixture()
    {
        foreach (SafeFileHandle descriptor in _descriptors)
        {
            descriptor.Dispose();
        }
    }

    /// <summary>Only descriptors from the lowest of ours up count: below it are the test host's own.</summary>
    private void AssertChildKeepsExactly(SpawnFileActions actions, IEnumerable<int> expected)
    {
        int low = LowFd;

        ProbeReport report = ProbeChild.RunToSuccess(actions, null, "fds");

        Assert.Equal(expected.Order(), report.Descriptors().Keys.Where(fd => fd >= low).Order());
    }

    private IEnumerable<int> Held() => _descriptors.Where(handle => !handle.IsClosed).Select(handle => handle.Fd()).ToList();
}
