using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
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
        long textBytes = 0;
        for (int i = 0; i < StepCount; i++)
        {
            SpawnFileActions.Entry entry = steps[i];
            textBytes += entry.Path is { } path ? Encoding.UTF8.GetByteCount(path) + 1 : 0;
            textBytes += (entry.Data?.Length + 1) ?? 0;
        }
        foreach (string variable in environment)
            textBytes += Encoding.UTF8.GetByteCount(variable) + 1;

        // The pinned object heap: the addresses written below stay valid without a fixed block.
        // Array data starts pointer-aligned, so the actions (which hold pointers) are aligned.
        _block = GC.AllocateUninitializedArray<byte>(checked(actionBytes + pointerBytes + (int)textBytes), pinned: true);
        fixed (byte* start = _block)
        {
            var actions = (NativeFileAction*)start;
            var envp = (byte**)(start + _environmentOffset);
            var writer = new SpawnBufferWriter(start + actionBytes + pointerBytes, (int)textBytes);
            for (int i = 0; i < StepCount; i++)
            {
                SpawnFileActions.Entry entry = steps[i];
                byte* data = null;
                if (entry.Path is not null)
                {
                    writer.Begin();
                    writer.AppendText(entry.Path);
                    data = writer.End();
                }
                else if (entry.Data is not null)
                {
                    // The kernel copies a step's bytes in (BPF program, capability sets): no alignment needed.
                    writer.Begin();
                    writer.AppendLiteral(entry.Data);
                    data = writer.End();
                }
                actions[i] = entry.Action.WithData(data);
            }
            for (int i = 0; i < environment.Length; i++)
            {
                writer.Begin();
                writer.AppendText(environment[i]);
                envp[i] = writer.End();
            }
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
