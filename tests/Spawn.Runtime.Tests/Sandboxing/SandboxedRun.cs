using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>Runs a command in a sandbox with stdout and stderr in one pipe, and gives back what it wrote and how it ended.</summary>
internal static class SandboxedRun
{
    public static (ExitStatus Status, string Output) Shell(Sandbox sandbox, string script) =>
        Run(sandbox, "/bin/sh", ["sh", "-c", script]);

    public static (ExitStatus Status, string Output) Run(Sandbox sandbox, string path, IReadOnlyList<string> argv)
    {
        using var pipe = new TestPipe();
        int write = (int)pipe.WriteEnd.DangerousGetHandle();
        var actions = sandbox.AppendTo(new SpawnFileActions().AddDup2(write, 1).AddDup2(write, 2));
        using PidFd child = sandbox.Spawn(path, argv, actions);
        pipe.Release();
        using var reader = new StreamReader(new FileStream(pipe.ReadEnd, FileAccess.Read, 1));
        string output = reader.ReadToEnd();
        return (child.WaitForExit(), output);
    }

    /// <summary>Skips unless the kernel has Landlock at <paramref name="abi"/> or above.</summary>
    public static void RequireLandlock(int abi = 1) =>
        Skip.If(Landlock.AbiVersion < abi, $"Landlock ABI {abi} needed; this kernel reports {Landlock.AbiVersion} (0: missing or not enabled at boot)");

    /// <summary>The system folders a shell needs, readable and executable.</summary>
    public static SandboxProfile SystemReadOnly(SandboxProfile profile)
    {
        foreach (string folder in new[] { "/usr", "/bin", "/lib", "/lib64" })
        {
            if (Directory.Exists(folder))
                profile.AllowReadExecute(folder);
        }
        return profile;
    }
}
