using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Spawning;

/// <summary>
/// The support ladder's lower rungs, which this kernel never takes on its own: through the C core's
/// test seam the spawn behaves as on a kernel without clone3 (5.2), without CLONE_CLEAR_SIGHAND
/// (5.4) or without close_range (5.8), and must still give the child what the ported tests check.
/// </summary>
public sealed class KernelFallbackTests : LeakCheckedTest
{
    private const uint NoClone3 = 1;
    private const uint NoClearSighand = 2;
    private const uint NoCloseRange = 4;

    public static TheoryData<uint> Fallbacks => new() { NoClone3, NoClearSighand, NoCloseRange, NoClone3 | NoClearSighand | NoCloseRange };

    [Theory]
    [MemberData(nameof(Fallbacks))]
    public void Actions_and_attributes_still_apply(uint disabled)
    {
        using var below = LibC.OpenOwned("/dev/null", OpenFlags.O_RDONLY);
        using var above = LibC.OpenOwned("/dev/null", OpenFlags.O_RDONLY);
        using var attributes = new SpawnAttributes { NewSession = true, SignalMask = SignalSet.Of(Signals.SIGUSR2) };
        var actions = new SpawnFileActions().AddCloseFrom(above.Fd()).AddChdir("/");

        ProbeReport report = WithDisabled(disabled, () => ProbeChild.RunToSuccess(actions, attributes, "fds", "ids", "signals", "cwd"));

        IReadOnlyDictionary<int, ProbeDescriptor> descriptors = report.Descriptors();
        Assert.Contains(below.Fd(), descriptors.Keys);
        Assert.DoesNotContain(descriptors.Keys, fd => fd >= above.Fd());
        Assert.Equal(report.Number("pid"), report.Number("sid"));
        Assert.Equal(SignalSet.Of(Signals.SIGUSR2).Bits, report.Mask("sigblk"));
        Assert.Equal(0UL, report.Mask("sigcgt"));
        Assert.Equal("/", report["cwd"]);
    }

    [Theory]
    [MemberData(nameof(Fallbacks))]
    public void The_pidfd_works(uint disabled)
    {
        using PidFd pidfd = WithDisabled(disabled, () => Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("sleep", "10000"), null));

        Assert.Equal(pidfd.Pid, pidfd.GetPid());
        pidfd.SendSignal(Signals.SIGKILL);
        Assert.Equal(Signals.SIGKILL, pidfd.WaitForExit().Signal);
    }

    [Theory]
    [MemberData(nameof(Fallbacks))]
    public void Exec_failures_still_come_back(uint disabled)
    {
        var exception = WithDisabled(disabled, () => Assert.Throws<SpawnException>(
            () => Spawner.PidFdSpawn("/nonexistent/spawn-test-program", null, null, ["x"], null)));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(SpawnStage.Exec, exception.Stage);
    }

    [SkippableFact]
    public void Without_clone3_a_cgroup_spawn_fails_with_ENOTSUP_and_says_why()
    {
        using TestCgroup cgroup = TestCgroup.Create("no-clone3");
        using SafeFileHandle folder = cgroup.OpenDirectory();
        using var attributes = new SpawnAttributes { Cgroup = folder };

        var exception = WithDisabled(NoClone3, () => Assert.Throws<SpawnException>(
            () => Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv(), null)));

        Assert.Equal(Errno.ENOTSUP, exception.Errno);
        Assert.Equal(SpawnStage.Clone, exception.Stage);
        Assert.Equal(SpawnErrorDetail.NoClone3ForCgroup, exception.Detail);
    }

    private static T WithDisabled<T>(uint disabled, Func<T> spawn)
    {
        NativeSpawn.SetDisabledFeatures(disabled);
        try
        {
            return spawn();
        }
        finally
        {
            NativeSpawn.SetDisabledFeatures(0);
        }
    }
}
