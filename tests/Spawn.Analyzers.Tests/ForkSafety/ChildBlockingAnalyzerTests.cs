using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildBlockingAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildBlockingAnalyzerTests
{
    [Fact]
    public Task Lock_monitor_and_semaphore_in_the_child_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            {|SPAWN0101:lock (Gate) { }|}
            {|SPAWN0101:Monitor.Enter(Gate)|};
            {|SPAWN0101:Semaphore.Wait()|};
            """, """
            static readonly object Gate = new object();
            static readonly SemaphoreSlim Semaphore = new SemaphoreSlim(1);
            """));

    [Fact]
    public Task Threads_tasks_and_the_thread_pool_in_the_child_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            {|SPAWN0101:Thread.Sleep(1)|};
            {|SPAWN0101:Task.Run(Work)|};
            {|SPAWN0101:ThreadPool.QueueUserWorkItem(_ => { })|};
            var thread = {|SPAWN0101:new Thread(Work)|};
            """, """
            static void Work() { }
            """));

    [Fact]
    public Task Await_in_a_child_function_is_reported() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                static void Main()
                {
                    int state = 0;
                    Fork.Run<int>(Child, ref state);
                }

                static int Child(ref int state)
                {
                    Wait();
                    return 0;
                }

                static async Task Wait() => {|SPAWN0101:await {|SPAWN0101:Task.Yield()|}|};
            }
            """);

    [Fact]
    public Task A_lock_before_the_fork_is_quiet() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                static readonly object Gate = new object();

                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    int pid;
                    lock (Gate)
                    {
                        pid = Fork.ForkNp(ref forkArgs);
                    }

                    if (pid == 0)
                    {
                        ForkChild.SetSid();
                        ForkChild.Exit(127);
                    }
                }
            }
            """);
}
