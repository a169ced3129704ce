using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// <c>struct fork_child_toolkit</c> (<c>runtime/native/fork_core.h</c>): the entry points a forked
/// child calls, in one table of function pointers that <see cref="NativeFork.ChildToolkit"/> returns
/// from the C core in a single call. Each pointer suppresses the GC transition: a forked child must not
/// wait for a runtime suspension (there is no thread left to end it), and a call through a function
/// pointer needs no binding and no marshalling stub, so nothing is resolved or compiled in the child.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ForkChildToolkit
{
    internal delegate* unmanaged[SuppressGCTransition]<int, int> ChildAck;
    internal delegate* unmanaged[SuppressGCTransition]<byte*, byte**, byte**, int> Execve;
    internal delegate* unmanaged[SuppressGCTransition]<byte*, byte**, byte**, byte*, int> Execvpe;
    internal delegate* unmanaged[SuppressGCTransition]<int, void> Exit;
    internal delegate* unmanaged[SuppressGCTransition]<int, int, int> Dup2;
    internal delegate* unmanaged[SuppressGCTransition]<int, int, int, int> Dup3;
    internal delegate* unmanaged[SuppressGCTransition]<int, int> Close;
    internal delegate* unmanaged[SuppressGCTransition]<int, int> CloseFrom;
    internal delegate* unmanaged[SuppressGCTransition]<byte*, int> Chdir;
    internal delegate* unmanaged[SuppressGCTransition]<int, int> Fchdir;
    internal delegate* unmanaged[SuppressGCTransition]<int> SetSid;
    internal delegate* unmanaged[SuppressGCTransition]<int, int, int> SetPgid;
    internal delegate* unmanaged[SuppressGCTransition]<int, int, int> ControllingTerminal;
    internal delegate* unmanaged[SuppressGCTransition]<ulong, int> SetSignalMask;
    internal delegate* unmanaged[SuppressGCTransition]<int> ResetSignals;
    internal delegate* unmanaged[SuppressGCTransition]<int, int> PrctlSetPdeathSig;
    internal delegate* unmanaged[SuppressGCTransition]<int> PrctlNoNewPrivs;
    internal delegate* unmanaged[SuppressGCTransition]<byte*, int> PrctlSetName;
    internal delegate* unmanaged[SuppressGCTransition]<int, ulong, ulong, int> SetRlimit;
    internal delegate* unmanaged[SuppressGCTransition]<uint, int> Umask;
    internal delegate* unmanaged[SuppressGCTransition]<uint, int> SetUid;
    internal delegate* unmanaged[SuppressGCTransition]<uint, int> SetGid;
    internal delegate* unmanaged[SuppressGCTransition]<int, uint*, int> SetGroups;
    internal delegate* unmanaged[SuppressGCTransition]<byte*, int> Chroot;
    internal delegate* unmanaged[SuppressGCTransition]<int, int> Unshare;
    internal delegate* unmanaged[SuppressGCTransition]<int, int, int> SetNs;
    internal delegate* unmanaged[SuppressGCTransition]<int, byte*, int, int> Write;
}
