using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Sandboxing;

/// <summary>
/// A <see cref="Sandbox"/>'s steps and environment encoded once, as the C core reads them: the
/// native file actions, the bytes and paths they point to, and a NULL-terminated envp, all in one
/// array on the pinned object heap. Generated spec methods copy the actions into their own stack
/// buffer and pass the envp as is, so a sandboxed spec spawn encodes and allocates nothing.
/// </summary>
/// <remarks>
/// The array never moves and lives as long as the <see cref="Sandbox"/> that holds it, so every
/// pointer in it (a chdir path, the seccomp program, the capability sets) stays valid for any
/// spawn that holds the sandbox. Disposing the sandbox closes only the Landlock ruleset.
/// </remarks>
internal sealed unsafe class SandboxNativeSteps
{
    private readonly byte[] _block;
    private readonly int _environmentOffset;

    public SandboxNativeSteps(SpawnFileActions steps, string[] environment)
    {
        StepCount = steps.Count;
        int actionBytes = StepCount * sizeof(NativeFileAction);
        _environmentOffset = actionBytes;
        int pointerBytes = (environment.Length + 1) * sizeof(nint);
        long textBytes = NativeActionEncoding.MeasureActions(steps);
        foreach (string variable in environment)
            textBytes += NativeActionEncoding.Size(variable);

        // The pinned object heap: the addresses written below stay valid without a fixed block.
        // Array data starts pointer-aligned, so the actions (which hold pointers) are aligned.
        _block = GC.AllocateUninitializedArray<byte>(checked(actionBytes + pointerBytes + (int)textBytes), pinned: true);
        fixed (byte* start = _block)
        {
            var envp = (byte**)(start + _environmentOffset);
            var writer = new SpawnBufferWriter(start + actionBytes + pointerBytes, (int)textBytes);
            NativeActionEncoding.WriteActions(steps, (NativeFileAction*)start, ref writer);
            writer.WriteAll(environment, envp);
            envp[environment.Length] = null;
        }
    }

    /// <summary>The number of native steps.</summary>
    public int StepCount { get; }

    /// <summary>The first native step; valid while this object is reachable.</summary>
    public NativeFileAction* Steps => (NativeFileAction*)Address(0);

    /// <summary>The NULL-terminated environment; valid while this object is reachable.</summary>
    public byte** Environment => (byte**)Address(_environmentOffset);

    private byte* Address(int offset) =>
        (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block)) + offset;
}
