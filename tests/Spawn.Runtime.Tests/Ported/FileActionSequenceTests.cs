using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn.c</c>: close, open and dup2 file actions run in order, and the
/// child sees exactly the descriptors they leave, with the right contents, offsets and modes.
/// </summary>
public sealed class FileActionSequenceTests : LeakCheckedTest
{
    private const string ClosedText = "This file should get closed";
    private const string KeptText = "This file should stay opened";
    private const string OpenedText = "This file will be opened";

    [Fact]
    public void Close_open_and_dup2_leave_the_child_the_descriptors_they_describe()
    {
        using var directory = new TestDirectory();
        using SafeFileHandle closed = OpenWithText(directory.CreateFile("closed", ClosedText), OpenFlags.O_RDONLY);
        using SafeFileHandle kept = OpenWithText(directory.CreateFile("kept", ""), OpenFlags.O_RDWR, KeptText);
        string openedPath = directory.CreateFile("opened", OpenedText);
        int closedFd = closed.Fd(), keptFd = kept.Fd();
        int openedFd = LibC.FirstClosedAbove(Math.Max(closedFd, keptFd));
        int dupFd = LibC.FirstClosedAbove(openedFd);

        var actions = new SpawnFileActions()
            .AddClose(closedFd)
            .AddOpen(openedFd, openedPath, OpenFlags.O_RDONLY, 0)
            .AddDup2(keptFd, dupFd);

        ProbeReport report = ProbeChild.RunToSuccess(actions, null,
            "fd", closedFd.Text(), "offset", keptFd.Text(), "offset", dupFd.Text(),
            "read", keptFd.Text(), "read", openedFd.Text(), "fd", openedFd.Text(), "write", openedFd.Text(), "boo!");

        Assert.Equal("closed", report.ForFd("fd", closedFd));
        Assert.Equal(KeptText.Length, report.ForFdNumber("offset", keptFd));
        Assert.Equal(KeptText.Length, report.ForFdNumber("offset", dupFd));
        Assert.Equal(KeptText, report.ForFd("read", keptFd));
        Assert.Equal(OpenedText, report.ForFd("read", openedFd));
        ProbeDescriptor opened = report.Descriptors()[openedFd];
        Assert.Equal(OpenFlags.O_RDONLY, opened.AccessMode);
        Assert.EndsWith("/opened", opened.Target, StringComparison.Ordinal);
        Assert.Equal(-Errno.EBADF.Value, report.ForFdNumber("write", openedFd));
    }

    [Fact]
    public void Posix_spawn_applies_the_same_actions()
    {
        using var directory = new TestDirectory();
        string openedPath = directory.CreateFile("opened", OpenedText);
        int openedFd = LibC.FirstClosedAbove(2);
        using var output = new ProbeOutput();
        var actions = new SpawnFileActions().AddOpen(openedFd, openedPath, OpenFlags.O_RDONLY, 0);

        int pid = Spawner.PosixSpawn(ProbeProgram.Path, output.RedirectStdout(actions), null, ProbeProgram.Argv("read", openedFd.Text()), null);
        using (PidFd pidfd = PidFd.Open(pid))
        {
            ExitStatus status = pidfd.WaitForExit();
            Assert.True(status.Exited && status.ExitCode == 0, status.ToString());
        }

        Assert.Equal(OpenedText, output.Read().ForFd("read", openedFd));
    }

    [Fact]
    public void Dup2_onto_itself_clears_close_on_exec()
    {
        using var directory = new TestDirectory();
        using SafeFileHandle file = LibC.OpenOwned(directory.CreateFile("data", KeptText), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
        int fd = file.Fd();

        ProbeReport without = ProbeChild.RunToSuccess(null, null, "fd", fd.Text());
        ProbeReport with = ProbeChild.RunToSuccess(new SpawnFileActions().AddDup2(fd, fd), null, "fd", fd.Text(), "read", fd.Text());

        Assert.Equal("closed", without.ForFd("fd", fd));
        Assert.Equal(KeptText, with.ForFd("read", fd));
    }

    [Fact]
    public void Open_onto_an_open_descriptor_replaces_it()
    {
        using var directory = new TestDirectory();
        using SafeFileHandle inherited = LibC.OpenOwned(directory.CreateFile("first", ClosedText), OpenFlags.O_RDONLY);
        int fd = inherited.Fd();
        var actions = new SpawnFileActions().AddOpen(fd, directory.CreateFile("second", OpenedText), OpenFlags.O_RDONLY, 0);

        ProbeReport report = ProbeChild.RunToSuccess(actions, null, "read", fd.Text());

        Assert.Equal(OpenedText, report.ForFd("read", fd));
    }

    /// <summary>Opens <paramref name="path"/> without O_CLOEXEC (so a child inherits it), writing <paramref name="text"/> to leave the offset after it.</summary>
    private static unsafe SafeFileHandle OpenWithText(string path, int flags, string text = "")
    {
        SafeFileHandle handle = LibC.OpenOwned(path, flags);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* buffer = bytes)
        {
            Assert.True(bytes.Length == 0 || LibC.Write(handle.Fd(), buffer, bytes.Length) == bytes.Length);
        }

        return handle;
    }
}
