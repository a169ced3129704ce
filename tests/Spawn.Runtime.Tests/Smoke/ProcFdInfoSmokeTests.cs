using Spawn.Interop;
using Xunit;

namespace Spawn.Runtime.Tests.Smoke;

public sealed class ProcFdInfoSmokeTests
{
    [Theory]
    [InlineData("pos:\t0\nflags:\t02000002\nPid:\t1234\nNSpid:\t1234\n", 0, 1234)]
    [InlineData("Pid:\t-1\n", 3 /* ESRCH */, -1)]
    [InlineData("Pid:\t0\n", 66 /* EREMOTE */, 0)]
    [InlineData("Pid:\t-2\n", 9 /* EBADF: -1 is the only negative value */, 0)]
    [InlineData("Pid:\t+5\n", 9, 0)]
    [InlineData("Pid:\t12x\n", 9, 0)]
    [InlineData("Pid:\t99999999999\n", 9, 0)]
    [InlineData("Pid:\nPid: 7", 0, 7)] // an empty value is skipped; the last line needs no newline
    [InlineData("pos:\t0\nflags:\t02\n", 9, 0)]
    public void Pid_field_follows_glibc_pidfd_getpid(string fdinfo, int errno, int pid)
    {
        Assert.Equal((new Errno(errno), pid), Parse(fdinfo));
    }

    [Fact]
    public void A_line_longer_than_the_buffer_does_not_hide_the_Pid_line_after_it()
    {
        string fdinfo = "eventfd-count:\t" + new string('7', 1000) + "\nPid:\t42\n";
        Assert.Equal((default(Errno), 42), Parse(fdinfo));
    }

    private static (Errno Error, int Pid) Parse(string fdinfo)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, fdinfo);
            using var file = File.OpenHandle(path);
            Errno error = ProcFdInfo.ReadPidField((int)file.DangerousGetHandle(), out int pid);
            return (error, error.Value == 0 || error == Errno.ESRCH || error == Errno.EREMOTE ? pid : 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
