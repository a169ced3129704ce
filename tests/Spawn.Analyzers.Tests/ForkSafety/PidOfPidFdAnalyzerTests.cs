using Spawn.Analyzers.CodeFixes.ForkSafety;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.PidOfPidFdAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class PidOfPidFdAnalyzerTests
{
    [Fact]
    public Task Kill_with_the_pid_of_a_PidFd_is_reported_and_fixed() =>
        Verifier.VerifyCodeFixAsync<PidFdInsteadOfPidCodeFix>("""
            using System.Runtime.InteropServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [DllImport("libc", SetLastError = true)]
                static extern int kill(int pid, int signal);

                static void Stop(PidFd child)
                {
                    {|SPAWN0108:kill(child.Pid, 15)|};
                }
            }
            """, """
            using System.Runtime.InteropServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [DllImport("libc", SetLastError = true)]
                static extern int kill(int pid, int signal);

                static void Stop(PidFd child)
                {
                    child.SendSignal(15);
                }
            }
            """);

    [Fact]
    public Task Waitpid_with_a_local_holding_GetPid_is_reported() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Runtime.InteropServices;
            using Spawn; using Spawn.Forking;

            static unsafe class Program
            {
                [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
                static extern int WaitPid(int pid, int* status, int options);

                static void Reap(PidFd child)
                {
                    int status;
                    int pid = child.GetPid();
                    {|SPAWN0108:WaitPid(pid, &status, 0)|};
                }
            }
            """);

    [Fact]
    public Task Kill_of_a_pid_from_elsewhere_is_quiet() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Runtime.InteropServices;

            static class Program
            {
                [DllImport("libc", SetLastError = true)]
                static extern int kill(int pid, int signal);

                static void Stop(int pid) => kill(pid, 15);
            }
            """);
}
