namespace Spawn.Analyzers.Tests.ForkSafety.Infrastructure;

/// <summary>Builds test programs around child code: a correct fork (optimized method, child ending in Exit) with the given child statements.</summary>
internal static class ChildProgram
{
    /// <summary><paramref name="child"/> runs in the child before <c>ForkChild.Exit(0)</c>; <paramref name="members"/> are added to the class.</summary>
    public static string WithChild(string child, string members = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Spawn; using Spawn.Forking;

        static partial class Program
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            static unsafe void Main(string[] arguments)
            {
                var forkArgs = new ForkNpArgs { Flags = ForkNpFlags.PidFd };
                int pid = Fork.ForkNp(ref forkArgs);
                if (pid == 0)
                {
        {{child}}
                    ForkChild.Exit(0);
                }
            }
        {{members}}
        }
        """;
}
