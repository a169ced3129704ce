using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Credentials with a non-root user (65534, nobody, set numerically: no account is needed):
/// POSIX_SPAWN_RESETIDS makes the child's effective ids its real ones, and only with it; the
/// setgroups, setgid and setuid child steps drop root in the child for good. The ids are read from
/// <c>/proc/PID/status</c> of the running child, after its exec.
/// </summary>
public sealed class CredentialTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const uint Nobody = 65534;

    /// <summary>Real and effective ids of the spawning thread: a non-root real user with root effective, and the reverse.</summary>
    public static TheoryData<uint, uint> RealAndEffective => new() { { Nobody, 0 }, { 0, Nobody } };

    [SkippableTheory]
    [MemberData(nameof(RealAndEffective))]
    public void ResetIds_gives_the_child_the_real_ids_as_effective_ones(uint real, uint effective)
    {
        ChildCredentials? reset = null, kept = null;
        CredentialThread.Run(real, effective, () =>
        {
            using var attributes = new SpawnAttributes { ResetIds = true };
            reset = ChildCredentials.Of(null, attributes);
            kept = ChildCredentials.Of(null, null);
        });

        output.WriteLine($"spawning thread: real {real}, effective {effective}");
        output.WriteLine($"with ResetIds:    {reset}");
        output.WriteLine($"without ResetIds: {kept}");
        // execve copies the effective ids into the saved ones; the filesystem ids follow the effective ones.
        Assert.Equal(ChildCredentials.Same(real, real), reset);
        Assert.Equal(ChildCredentials.Same(real, effective), kept);
    }

    [SkippableFact]
    public void SetGroups_SetGid_and_SetUid_drop_root_in_the_child_for_good()
    {
        Skip.If(LibC.GetEUid() != 0, "dropping to another user needs root (CAP_SETUID, CAP_SETGID)");
        var actions = new SpawnFileActions().AddSetGroups([Nobody]).AddSetGid(Nobody).AddSetUid(Nobody);

        ChildCredentials dropped = ChildCredentials.Of(actions, null);

        output.WriteLine($"after setgroups, setgid and setuid: {dropped}");
        Assert.Equal(ChildCredentials.Same(Nobody, Nobody) with { Groups = Nobody.ToString(CultureInfo.InvariantCulture) }, dropped);
        // Root cannot come back: a step after setuid that needs it fails, and says which step it was.
        var regain = new SpawnFileActions().AddSetGid(Nobody).AddSetUid(Nobody).AddSetUid(0);
        SpawnException failure = Assert.Throws<SpawnException>(
            () => Spawner.PidFdSpawn(ProbeProgram.Path, regain, null, ProbeProgram.Argv("exit", "0"), null));
        output.WriteLine(failure.Message);
        Assert.Equal((Errno.EPERM, SpawnStage.FileAction, 2, SpawnFileActionKind.SetUid),
            (failure.Errno, failure.Stage, failure.ActionIndex, failure.ActionKind));
    }

    /// <summary>The ids of a running child as the Uid:, Gid: and Groups: lines of its /proc/PID/status give them.</summary>
    private sealed record ChildCredentials(string Uids, string Gids, string Groups)
    {
        /// <summary>Real <paramref name="real"/>, and effective, saved and filesystem <paramref name="effective"/>, for user and group; the groups of this process.</summary>
        public static ChildCredentials Same(uint real, uint effective)
        {
            string ids = string.Join(' ', real, effective, effective, effective);
            return new ChildCredentials(ids, ids, OwnGroups());
        }

        /// <summary>Spawns the probe held on its stdin, reads its ids once it runs, lets it go and waits for it.</summary>
        public static ChildCredentials Of(SpawnFileActions? actions, SpawnAttributes? attributes)
        {
            using var gate = new TestPipe();
            using var started = new TestPipe();
            actions = (actions ?? new SpawnFileActions()).AddDup2(gate.ReadEnd.Fd(), 0).AddDup2(started.WriteEnd.Fd(), 1);
            using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, actions, attributes, ProbeProgram.Argv("write", "1", "!", "wait-stdin"), null);
            string[] status;
            try
            {
                // The spawn returns once the child has entered execve, but the kernel installs the
                // new program's credentials (the saved ids from the effective ones) a little later:
                // the probe's first byte says it is done.
                using (var output = new FileStream(started.ReadEnd, FileAccess.Read, bufferSize: 0))
                    Assert.Equal('!', output.ReadByte());
                status = File.ReadAllLines($"/proc/{child.Pid.Text()}/status");
            }
            finally
            {
                gate.Release();
                Assert.Equal(0, child.WaitForExit().ExitCode);
            }

            return new ChildCredentials(Field(status, "Uid:"), Field(status, "Gid:"), Field(status, "Groups:"));
        }

        public override string ToString() => $"uid (real effective saved fs) {Uids}, gid {Gids}, groups {(Groups.Length == 0 ? "none" : Groups)}";

        private static string OwnGroups() => Field(File.ReadAllLines("/proc/self/status"), "Groups:");

        private static string Field(string[] status, string name) =>
            string.Join(' ', status.Single(line => line.StartsWith(name, StringComparison.Ordinal))[name.Length..]
                .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
