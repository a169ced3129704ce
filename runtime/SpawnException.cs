using System.ComponentModel;

namespace Spawn;

/// <summary>
/// A system call of the runtime failed: a spawn (clone, a file action, exec), a pidfd operation, a
/// cgroup operation or a fork. Carries the errno with its symbolic name, the operation and, for a
/// spawn, the stage, the file action and the path. The message reads like
/// <c>exec "/nonexistent": ENOENT (No such file or directory)</c> or
/// <c>file action 0 (open "/missing"): ENOENT (No such file or directory)</c>.
/// </summary>
/// <remarks>
/// It is a <see cref="Win32Exception"/> whose <see cref="Win32Exception.NativeErrorCode"/> is the
/// errno, which is what <see cref="System.Diagnostics.Process.Start()"/> throws on Linux when a start
/// fails: code written for <c>Process</c> that catches <c>Win32Exception</c> (for example to tell
/// ENOENT, a missing program, from EACCES) catches this too and reads the same number.
/// </remarks>
public sealed class SpawnException : Win32Exception
{
    internal SpawnException(string operation, Errno errno, string? path = null, SpawnStage stage = SpawnStage.None,
                            int actionIndex = -1, SpawnFileActionKind? actionKind = null,
                            SpawnErrorDetail detail = SpawnErrorDetail.None, int pipelineStage = 0)
        : base(errno.Value, FormatMessage(operation, errno, path, actionKind, detail))
    {
        PipelineStage = pipelineStage;
        Operation = operation;
        Errno = errno;
        Path = path;
        Stage = stage;
        ActionIndex = actionIndex;
        ActionKind = actionKind;
        Detail = detail;
    }

    /// <summary>The errno of the failing call.</summary>
    public Errno Errno { get; }

    /// <summary>What failed: <c>"exec"</c>, <c>"file action 2 (open)"</c>, <c>"pidfd_send_signal"</c>, ...</summary>
    public string Operation { get; }

    /// <summary>Where a spawn failed; <see cref="SpawnStage.None"/> for anything but a spawn.</summary>
    public SpawnStage Stage { get; }

    /// <summary>The index of the failing file action, or -1.</summary>
    public int ActionIndex { get; }

    /// <summary>The kind of the failing file action, or null.</summary>
    public SpawnFileActionKind? ActionKind { get; }

    /// <summary>The path involved (the program, the file action's path, the cgroup), or null.</summary>
    public string? Path { get; }

    /// <summary>Why a clone-stage error happened where the errno alone would not say.</summary>
    public SpawnErrorDetail Detail { get; }

    /// <summary>Which stage of a pipeline (<see cref="Commands.Pipeline"/>) could not be spawned, counted
    /// from 1, as the operation names it (<c>pipeline stage 2 of 3: exec</c>); 0 outside a pipeline.</summary>
    public int PipelineStage { get; }

    /// <summary>
    /// This error as the failure of stage <paramref name="stage"/> (from 1) of a pipeline of
    /// <paramref name="count"/>: the operation starts with <c>pipeline stage 2 of 3: </c> and
    /// <see cref="PipelineStage"/> is set. The one place that names a stage, for the runtime's
    /// pipelines and the generated ones alike.
    /// </summary>
    internal SpawnException InPipelineStage(int stage, int count) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pipeline stage {stage} of {count}: {Operation}"),
            Errno, Path, Stage, ActionIndex, ActionKind, Detail, stage);

    /// <summary>Throws for the errno the last P/Invoke (declared with <c>SetLastError = true</c>) left behind.</summary>
    internal static SpawnException FromLastPInvokeError(string operation, string? path = null) =>
        new(operation, Errno.FromLastPInvokeError(), path);

    private static string FormatMessage(string operation, Errno errno, string? path, SpawnFileActionKind? actionKind,
                                        SpawnErrorDetail detail)
    {
        string where = path is null ? operation
            // "file action 0 (open)" becomes "file action 0 (open "/missing")".
            : actionKind is not null && operation.EndsWith(')') ? $"{operation[..^1]} \"{path}\")"
            : $"{operation} \"{path}\"";
        string? why = DescribeDetail(detail);
        return why is null ? $"{where}: {errno}" : $"{where}: {errno}: {why}";
    }

    private static string? DescribeDetail(SpawnErrorDetail detail) => detail switch
    {
        SpawnErrorDetail.NoPidFd => "waitid(P_PIDFD) is missing; pidfds need Linux 5.4 or later",
        SpawnErrorDetail.NoClone3ForCgroup => "clone3 is missing (or hidden by seccomp); only clone3 can place a child in a cgroup (Linux 5.7+)",
        SpawnErrorDetail.CgroupTooOld => "the kernel's clone3 predates CLONE_INTO_CGROUP (Linux 5.7)",
        SpawnErrorDetail.CgroupThreaded => "the cgroup is threaded or domain-invalid; processes cannot be placed in it",
        SpawnErrorDetail.CgroupDescriptor => "the cgroup descriptor is not open",
        _ => null,
    };
}
