using System.Runtime.InteropServices;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Runs a body on a thread of its own whose real and effective user and group ids differ (set with
/// the raw setresuid/setresgid system calls, which change that thread only): the spawns it makes
/// start from those ids, since a spawned child takes the credentials of the thread that cloned it.
/// The thread ends with the body, so no other thread of the test host ever runs with them.
/// </summary>
internal static class CredentialThread
{
    /// <summary>Runs <paramref name="body"/> with real ids <paramref name="real"/> and effective (and saved) ids <paramref name="effective"/>, for the user and the group alike.</summary>
    public static void Run(uint real, uint effective, Action body)
    {
        Skip.If(LibC.GetEUid() != 0, "changing to chosen real and effective ids needs root (CAP_SETUID, CAP_SETGID)");
        Skip.IfNot(RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64,
            $"the setresuid and setresgid numbers are known for x86-64 and aarch64 only, not {RuntimeInformation.ProcessArchitecture}");
        DedicatedThread.Run(() =>
        {
            // The group first: with the effective uid no longer 0 the thread could not change it.
            LibC.Check(LibC.SetThreadResGid(real, effective, effective), "setresgid");
            LibC.Check(LibC.SetThreadResUid(real, effective, effective), "setresuid");
            body();
        });
    }
}
