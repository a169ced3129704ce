using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// The fields of Linux's <c>siginfo_t</c> (128 bytes) that <c>waitid</c> fills for a child. Written
/// here rather than taken from a binding: si_errno comes before si_code on Linux (offsets 4 and 8),
/// which some bindings get wrong.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct SigInfo
{
    internal const int CLD_EXITED = 1;
    internal const int CLD_KILLED = 2;
    internal const int CLD_DUMPED = 3;

    [FieldOffset(0)] internal int Signo;
    [FieldOffset(4)] internal int Errno;
    [FieldOffset(8)] internal int Code;
    [FieldOffset(16)] internal int Pid;
    [FieldOffset(20)] internal uint Uid;
    [FieldOffset(24)] internal int Status;
}
