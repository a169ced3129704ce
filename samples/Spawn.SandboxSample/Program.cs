// The sandbox sample: runs a shell script nobody reviewed with one writable folder and no network
// (SandboxPresets.Untrusted: Landlock, seccomp, no capabilities, a new network namespace as root),
// and shows what the script could and could not do. Pass a script file, or it runs its own.
using Spawn;
using Spawn.Sandboxing;

const string Probe = """
    echo "writing here:      $(echo ok > result.txt && cat result.txt)"
    echo "listing /root:     $(ls /root 2>&1 || true)"
    echo "writing /tmp:      $(echo x 2>&1 > /tmp/escaped.txt || true)"
    echo "network:           $( (echo > /dev/tcp/1.1.1.1/80) 2>&1 || true)"
    echo "ptrace (strace):   $(strace -o /dev/null true 2>&1 | head -1 || true)"
    """;

if (Landlock.AbiVersion == 0)
{
    Console.Error.WriteLine("Landlock is missing or disabled on this kernel (Linux 5.13+ with lsm=landlock is needed).");
    return 2;
}

string script = args.Length > 0 ? File.ReadAllText(args[0]) : Probe;
string folder = Directory.CreateTempSubdirectory("spawn-sandbox-sample-").FullName;
try
{
    SandboxProfile profile = SandboxPresets.Untrusted(folder);
    profile.Unenforceable = UnenforceableRights.Drop; // run on older kernels too, and say what is missing
    using Sandbox sandbox = profile.Compile();
    Console.WriteLine($"Landlock ABI {sandbox.Landlock.Abi}; writable folder {folder}");
    if (sandbox.Landlock.DroppedAny)
        Console.WriteLine($"not enforced on this kernel: {sandbox.Landlock.DroppedFileSystem} {sandbox.Landlock.DroppedNetwork} {sandbox.Landlock.DroppedScopes}");

    // bash for /dev/tcp; the script's stdout and stderr are ours (descriptors 1 and 2 survive closefrom(3)).
    using PidFd child = sandbox.Spawn("/bin/bash", ["bash", "-c", script]);
    ExitStatus status = child.WaitForExit();
    Console.WriteLine($"the script ended: {status}");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
