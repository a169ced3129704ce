namespace Spawn.Commands;

/// <summary>Why a job was stopped, or <see cref="None"/> when it ended by itself.</summary>
public enum StopReason
{
    /// <summary>The job ended by itself.</summary>
    None = 0,

    /// <summary><see cref="Job.Timeout"/> passed.</summary>
    Timeout = 1,

    /// <summary>The caller's cancellation token was cancelled.</summary>
    Canceled = 2,

    /// <summary>The job wrote more than <see cref="Job.MaxCapturedBytes"/>.</summary>
    OutputLimit = 3,
}
