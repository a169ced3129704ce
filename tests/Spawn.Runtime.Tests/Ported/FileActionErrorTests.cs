using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn3.c</c>: descriptors out of range are refused when the action is
/// added (EBADF); an action that fails in the child comes back with its errno, its index and its
/// kind, and no child is left; with the descriptor table full, an open action onto an open
/// descriptor still works (the target is closed before the file is opened), and a spawn that
/// cannot get its pidfd fails with EMFILE.
/// </summary>
public sealed class FileActionErrorTests : LeakCheckedTest
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Out_of_range_descriptors_are_refused_when_added(int fd)
    {
        var actions = new SpawnFileActions();

        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddOpen(fd, "/dev/null", OpenFlags.O_RDONLY, 0)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddClose(fd)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddDup2(fd, 3)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddDup2(0, fd)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddFchdir(fd)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddCloseFrom(fd)).Errno);
        Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => actions.AddTcSetPgrp(fd)).Errno);
        Assert.Equal(0, actions.Count);
    }

    [Fact]
    public void Open_of_a_missing_file_fails_with_ENOENT_at_its_index()
    {
        const string Missing = "/nonexistent/spawn-test-file";
        var actions = new SpawnFileActions()
            .AddOpen(10, "/dev/null", OpenFlags.O_RDONLY, 0)
            .AddOpen(11, Missing, OpenFlags.O_RDONLY, 0);

        SpawnException exception = SpawnExpectingFailure(actions);

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(SpawnStage.FileAction, exception.Stage);
        Assert.Equal(1, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Open, exception.ActionKind);
        Assert.Equal($"file action 1 (open \"{Missing}\"): ENOENT (No such file or directory)", exception.Message);
    }

    [Fact]
    public void Dup2_of_a_closed_descriptor_fails_with_EBADF_at_its_index()
    {
        int closedFd = LibC.FirstClosedAbove(2);
        var actions = new SpawnFileActions().AddClose(20).AddDup2(closedFd, 21);

        SpawnException exception = SpawnExpectingFailure(actions);

        Assert.Equal(Errno.EBADF, exception.Errno);
        Assert.Equal(1, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Dup2, exception.ActionKind);
    }

    [Fact]
    public void Close_of_a_descriptor_that_is_not_open_is_not_an_error()
    {
        int closedFd = LibC.FirstClosedAbove(2);

        ProbeReport report = ProbeChild.RunToSuccess(new SpawnFileActions().AddClose(closedFd), null, "fd", closedFd.Text());

        Assert.Equal("closed", report.ForFd("fd", closedFd));
    }

    [Fact]
    public void TryPidFdSpawn_reports_the_failing_action_without_throwing()
    {
        var actions = new SpawnFileActions().AddOpen(10, "/nonexistent/spawn-test-file", OpenFlags.O_RDONLY, 0);

        bool spawned = Spawner.TryPidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv(), null, out PidFd? pidfd, out SpawnError error);

        Assert.False(spawned);
        Assert.Null(pidfd);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnStage.FileAction, error.Stage);
        Assert.Equal(0, error.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Open, error.ActionKind);
    }

    [SkippableFact]
    public void With_the_descriptor_table_full_open_closes_its_target_before_opening()
    {
        using var directory = new TestDirectory();
        string pidFile = directory["pid"];
        int pid;
        using (var table = DescriptorTableFiller.Fill(freeSlots: 1))
        {
            // The child fills every slot of its own table (whatever other threads of the test host
            // just opened or closed), so the open of descriptor 1 works only if it closes 1 first,
            // as POSIX and glibc say; then everything from 3 up is closed again for the exec.
            var actions = new SpawnFileActions();
            for (int fd = 3; fd < table.Limit; fd++)
            {
                actions.AddDup2(0, fd);
            }

            actions.AddOpen(1, pidFile, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)
                .AddDup2(1, 2)
                .AddCloseFrom(3);

            using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("ids"), null);
            pid = pidfd.Pid;
            Assert.Equal(0, pidfd.WaitForExit().ExitCode);
        }

        Assert.Equal(pid, new ProbeReport(File.ReadAllText(pidFile)).Number("pid"));
    }

    [SkippableFact]
    public void An_action_beyond_a_limit_lowered_after_it_was_added_fails_at_its_index()
    {
        var actions = new SpawnFileActions().AddClose(3).AddOpen(900, "/dev/null", OpenFlags.O_RDONLY, 0);
        SpawnException exception;
        using (DescriptorTableFiller.Fill(freeSlots: 2))
        {
            exception = SpawnExpectingFailure(actions);
        }

        Assert.Equal(Errno.EBADF, exception.Errno);
        Assert.Equal(1, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Open, exception.ActionKind);
    }

    [SkippableFact]
    public void With_the_descriptor_table_full_the_spawn_fails_with_EMFILE_and_leaves_nothing()
    {
        SpawnException exception;
        var actions = new SpawnFileActions().AddOpen(5, "/dev/null", OpenFlags.O_RDONLY, 0);
        using (var table = DescriptorTableFiller.Fill(freeSlots: 0))
        {
            table.FillGaps();
            exception = SpawnExpectingFailure(actions);
        }

        Assert.Equal(Errno.EMFILE, exception.Errno);
        Assert.Equal(SpawnStage.Clone, exception.Stage);
    }

    private static SpawnException SpawnExpectingFailure(SpawnFileActions actions) =>
        Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv(), null));
}
