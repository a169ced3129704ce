using System.Globalization;
using Spawn.Interop;
using Spawn.LowLevel;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Spawning;

/// <summary>
/// The steps beyond glibc's file actions (namespaces, credentials, limits) that the C core carries
/// out in the child before exec: each is checked on a real child through <c>/proc/PID</c> while it
/// sleeps, and a failing one names itself.
/// </summary>
public sealed class ChildStepTests : LeakCheckedTest
{
    private const uint Nobody = 65534;
    private const int RlimitNofile = 7;

    [SkippableFact]
    public void Credentials_groups_umask_and_no_new_privs_reach_the_child()
    {
        Skip.If(LibC.GetEUid() != 0, "changing to another user needs root");
        var actions = new SpawnFileActions()
            .AddSetGroups([Nobody])
            .AddSetGid(Nobody)
            .AddSetUid(Nobody)
            .AddUmask(UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)
            .AddNoNewPrivileges();

        Dictionary<string, string> status = StatusOfSleepingChild(actions);

        Assert.Equal("65534\t65534\t65534\t65534", status["Uid"]);
        Assert.Equal("65534\t65534\t65534\t65534", status["Gid"]);
        Assert.Equal("65534", status["Groups"]);
        Assert.Equal("0027", status["Umask"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [SkippableFact]
    public void Unshare_gives_a_new_namespace_and_setns_joins_it()
    {
        Skip.If(LibC.GetEUid() != 0, "unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN");
        string ours = NamespaceOf("self");
        using PidFd holder = Spawner.PidFdSpawn(ProbeProgram.Path, new SpawnFileActions().AddUnshare(Namespaces.CLONE_NEWNET),
                                                null, ProbeProgram.Argv("sleep", "30000"), []);
        try
        {
            string theirs = NamespaceOf(holder.Pid.ToString(CultureInfo.InvariantCulture));
            Assert.NotEqual(ours, theirs);
            using var network = File.OpenHandle($"/proc/{holder.Pid}/ns/net");
            int fd = (int)network.DangerousGetHandle();

            using PidFd joined = Spawner.PidFdSpawn(ProbeProgram.Path, new SpawnFileActions().AddSetNs(fd, Namespaces.CLONE_NEWNET),
                                                    null, ProbeProgram.Argv("sleep", "30000"), []);
            try
            {
                Assert.Equal(theirs, NamespaceOf(joined.Pid.ToString(CultureInfo.InvariantCulture)));
            }
            finally
            {
                joined.SendSignal(Signals.SIGKILL);
                joined.WaitForExit();
            }
        }
        finally
        {
            holder.SendSignal(Signals.SIGKILL);
            holder.WaitForExit();
        }
    }

    [Fact]
    public void A_resource_limit_reaches_the_child()
    {
        var actions = new SpawnFileActions().AddResourceLimit(RlimitNofile, 64, 128);
        using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("sleep", "30000"), []);
        try
        {
            string limits = File.ReadAllText($"/proc/{child.Pid}/limits");
            string line = limits.Split('\n').Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            Assert.Equal(["64", "128", "files"], line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            child.SendSignal(Signals.SIGKILL);
            child.WaitForExit();
        }
    }

    [Fact]
    public async Task The_parent_death_signal_fires_when_the_spawning_thread_ends()
    {
        PidFd? child = null;
        DedicatedThread.Run(() => child = Spawner.PidFdSpawn(
            ProbeProgram.Path, new SpawnFileActions().AddParentDeathSignal(Signals.SIGKILL), null,
            ProbeProgram.Argv("sleep", "30000"), []));

        using (child)
        {
            Task<ExitStatus> exit = child!.WaitForExitAsync().AsTask();
            bool exited = await Task.WhenAny(exit, Task.Delay(TimeSpan.FromSeconds(10))) == exit;
            if (!exited)
                child.SendSignal(Signals.SIGKILL);
            ExitStatus status = await exit;

            Assert.True(exited, "the child outlived the thread that spawned it");
            Assert.Equal(Signals.SIGKILL, status.Signal);
        }
    }

    [Fact]
    public void A_failing_step_names_itself_and_leaves_no_child()
    {
        using var network = File.OpenHandle("/proc/self/ns/net");
        var actions = new SpawnFileActions()
            .AddUmask(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
            .AddSetNs((int)network.DangerousGetHandle(), Namespaces.CLONE_NEWPID);

        var error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("exit", "0"), []));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(1, error.ActionIndex);
        Assert.Equal(SpawnFileActionKind.SetNs, error.ActionKind);
        Assert.StartsWith("file action 1 (setns): EINVAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_chroot_folder_is_ENOENT_with_its_path()
    {
        var actions = new SpawnFileActions().AddChroot("/nonexistent-spawn-root");

        var error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("exit", "0"), []));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnFileActionKind.Chroot, error.ActionKind);
        Assert.Equal("/nonexistent-spawn-root", error.Path);
    }

    [Fact]
    public unsafe void A_failing_step_whose_data_is_numbers_reports_no_path_through_the_low_level_entry()
    {
        // setrlimit's Path points at {soft, hard}: soft above hard is EINVAL, and the numbers must not be read as text.
        ulong* limits = stackalloc ulong[] { 0x4141414141414141, 1 };
        byte[] program = System.Text.Encoding.UTF8.GetBytes(ProbeProgram.Path + "\0");
        fixed (byte* path = program)
        {
            byte** argv = stackalloc byte*[] { path, null };
            NativeFileAction* action = stackalloc NativeFileAction[1];
            *action = new NativeFileAction { Kind = SpawnFileActionKind.ResourceLimit, OpenFlags = RlimitNofile, Path = (byte*)limits };
            NativeSpawnRequest request = default;
            request.Path = path;
            request.Argv = argv;
            request.Actions = action;
            request.ActionCount = 1;
            NativeSpawnResult result;

            Assert.Equal(Errno.EINVAL.Value, SpawnCore.Spawn(&request, &result));
            SpawnException error = SpawnCore.CreateException(result, &request);

            Assert.Equal(SpawnFileActionKind.ResourceLimit, error.ActionKind);
            Assert.Null(error.Path);
            Assert.StartsWith("file action 0 (setrlimit): EINVAL", error.Message, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> StatusOfSleepingChild(SpawnFileActions actions)
    {
        using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("sleep", "30000"), []);
        try
        {
            return File.ReadAllLines($"/proc/{child.Pid}/status")
                .Select(line => line.Split(':', 2))
                .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        }
        finally
        {
            child.SendSignal(Signals.SIGKILL);
            child.WaitForExit();
        }
    }

    private static string NamespaceOf(string process) =>
        new FileInfo($"/proc/{process}/ns/net").LinkTarget!; // "net:[inode]"
}
