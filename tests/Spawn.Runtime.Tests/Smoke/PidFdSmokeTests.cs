using Spawn.Interop;
using Xunit;

namespace Spawn.Runtime.Tests.Smoke;

public sealed class PidFdSmokeTests
{
    [SkippableFact]
    public void Pid_comes_from_the_ioctl_and_from_fdinfo_alike_and_is_ESRCH_after_the_reap()
    {
        Skip.IfNot(PidFd.IsSupported, "the kernel lacks complete pidfd support (5.4+)");
        using PidFd child = Spawner.PidFdSpawn("/bin/sh", null, null, ["sh", "-c", "exec sleep 60"], []);
        int fd = (int)child.DangerousGetHandle();

        Assert.Equal(child.Pid, child.GetPid());
        Assert.Equal(default, ProcFdInfo.ReadPid(fd, out int fromFdInfo));
        Assert.Equal(child.Pid, fromFdInfo);
        Assert.False(child.HasExited);

        child.SendSignal(Signals.SIGKILL);
        ExitStatus status = child.WaitForExit();

        Assert.Equal("killed by signal 9 (SIGKILL)", status.ToString());
        Assert.False(child.TryGetPid(out _, out Errno viaPidFd));
        Assert.Equal(Errno.ESRCH, viaPidFd);
        Assert.Equal(Errno.ESRCH, ProcFdInfo.ReadPid(fd, out _));
        Assert.Equal(status, child.WaitForExit());
    }

    [Fact]
    public void Fdinfo_of_a_descriptor_that_is_not_a_pidfd_is_EBADF()
    {
        using var file = File.OpenHandle("/proc/self/status");
        Assert.Equal(Errno.EBADF, ProcFdInfo.ReadPid((int)file.DangerousGetHandle(), out _));
        Assert.Equal(Errno.EBADF, ProcFdInfo.ReadPid(-1, out _));
    }

    [SkippableFact]
    public void Exit_code_and_exec_failure_read_as_the_contract_says()
    {
        Skip.IfNot(PidFd.IsSupported, "the kernel lacks complete pidfd support (5.4+)");
        using (PidFd child = Spawner.PidFdSpawnP("sh", null, null, ["sh", "-c", "exit 3"], null))
            Assert.Equal("exited with code 3", child.WaitForExit().ToString());

        var error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn("/nonexistent", null, null, ["x"], null));
        Assert.Equal("exec \"/nonexistent\": ENOENT (No such file or directory)", error.Message);

        var actions = new SpawnFileActions().AddOpen(0, "/missing", OpenFlags.O_RDONLY, 0);
        error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn("/bin/true", actions, null, ["true"], null));
        Assert.Equal("file action 0 (open \"/missing\"): ENOENT (No such file or directory)", error.Message);
        Assert.Equal(SpawnFileActionKind.Open, error.ActionKind);
    }
}
