namespace Spawn.Analyzers.Tests.ForkSafety.Infrastructure;

/// <summary>
/// The runtime's fork API with the names and namespaces of runtime/Forking (and <c>Spawn.PidFd</c>), compiled
/// next to each test's code so that the rules are exercised against exactly those names.
/// </summary>
internal static class ForkRuntimeStub
{
    public const string FileName = "SpawnForkRuntime.cs";

    public const string Source = """
        namespace Spawn.Forking
        {
            using System;
            using System.Diagnostics.CodeAnalysis;

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class AsyncSignalSafeAttribute : Attribute
            {
            }

            [Flags]
            public enum ForkNpFlags
            {
                None = 0,
                PidFd = 1,
                Cgroup = 2,
                AsyncSafe = 4,
                ExitSignal = 8,
            }

            public struct ForkNpArgs
            {
                public ForkNpFlags Flags;
                public int CgroupFd;
                public int ExitSignal;
                public int PidFd;
            }

            public delegate int ForkChildMain<TState>(ref TState state) where TState : struct;

            public static class Fork
            {
                public static int ForkNp(ref ForkNpArgs args) => 0;

                public static PidFd Run<TState>(ForkChildMain<TState> child, ref TState state) where TState : struct => new PidFd();
            }

            public sealed class ExecArguments : IDisposable
            {
                public static ExecArguments Create(string program, System.Collections.Generic.IReadOnlyList<string> argv) => new ExecArguments();

                public void Dispose()
                {
                }
            }

            [AsyncSignalSafe]
            public static class ForkChild
            {
                [DoesNotReturn]
                public static void Exit(int status) => throw null!;

                public static int Exec(ExecArguments arguments) => 0;

                public static int Dup2(int fd, int newFd) => 0;

                public static int Close(int fd) => 0;

                public static int CloseFrom(int lowFd) => 0;

                public static int PrctlSetName(ReadOnlySpan<byte> name) => 0;

                public static int SetSid() => 0;

                public static int Chdir(ReadOnlySpan<byte> path) => 0;

                public static int Write(int fd, ReadOnlySpan<byte> bytes) => 0;
            }

        }

        namespace Spawn
        {
            using System;

            public sealed class PidFd : IDisposable
            {
                public int Pid => 0;

                public int GetPid() => 0;

                public void SendSignal(int signal)
                {
                }

                public void Dispose()
                {
                }
            }
        }
        """;
}
