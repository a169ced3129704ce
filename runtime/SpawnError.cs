using System.Globalization;

namespace Spawn;

/// <summary>
/// The outcome of a <c>Try</c> spawn (<see cref="Spawner.TryPidFdSpawn"/> and friends) without an
/// exception: the errno, where it happened and, for a file action, which one. <c>default</c> means
/// success. <see cref="ToException(string)"/> turns it into the <see cref="SpawnException"/> the throwing
/// form would have thrown.
/// </summary>
public readonly struct SpawnError
{
    internal SpawnError(Errno errno, SpawnStage stage, int actionIndex, SpawnFileActionKind? actionKind,
                        SpawnErrorDetail detail, string? actionPath)
    {
        Errno = errno;
        Stage = stage;
        ActionIndex = actionIndex;
        ActionKind = actionKind;
        Detail = detail;
        ActionPath = actionPath;
    }

    /// <summary>The errno; <c>Value == 0</c> when the spawn worked.</summary>
    public Errno Errno { get; }

    /// <summary>Where the spawn failed.</summary>
    public SpawnStage Stage { get; }

    /// <summary>The index of the failing file action, or -1.</summary>
    public int ActionIndex { get; }

    /// <summary>The kind of the failing file action, or null.</summary>
    public SpawnFileActionKind? ActionKind { get; }

    /// <summary>Why a clone-stage error happened where the errno alone would not say.</summary>
    public SpawnErrorDetail Detail { get; }

    /// <summary>The failing file action's path (open, chdir), or null.</summary>
    public string? ActionPath { get; }

    /// <summary>True when the spawn failed.</summary>
    public bool IsError => Errno.Value != 0;

    /// <summary>The exception the throwing form gives for this error.</summary>
    /// <param name="path">The program's path or file name, named in the message of an exec failure.</param>
    /// <exception cref="InvalidOperationException">There is no error.</exception>
    public SpawnException ToException(string? path) => ToException(path, 0, 0);

    /// <summary>The exception for this error in stage <paramref name="pipelineStage"/> (from 1) of a pipeline of
    /// <paramref name="pipelineStages"/>: the operation starts with <c>pipeline stage 2 of 3: </c> and
    /// <see cref="SpawnException.PipelineStage"/> is set; 0 for a process outside a pipeline.</summary>
    /// <exception cref="InvalidOperationException">There is no error.</exception>
    internal SpawnException ToException(string? path, int pipelineStage, int pipelineStages)
    {
        if (!IsError)
            throw new InvalidOperationException("The spawn did not fail.");
        (string operation, string? shownPath) = Stage switch
        {
            SpawnStage.FileAction => ($"file action {ActionIndex} ({SpawnFileActions.KindName(ActionKind)})", ActionPath),
            SpawnStage.Exec => ("exec", path),
            _ => (StageOperation(Stage), null),
        };
        var error = new SpawnException(operation, Errno, shownPath, Stage, ActionIndex, ActionKind, Detail);
        return pipelineStage > 0 ? error.InPipelineStage(pipelineStage, pipelineStages) : error;
    }

    private static string StageOperation(SpawnStage stage) => stage switch
    {
        SpawnStage.Clone => "clone",
        SpawnStage.Signals => "reset signal handlers",
        SpawnStage.Scheduler => "set scheduler",
        SpawnStage.Session => "setsid",
        SpawnStage.ProcessGroup => "setpgid",
        SpawnStage.ResetIds => "reset ids",
        SpawnStage.SignalMask => "set signal mask",
        _ => "spawn",
    };
}
