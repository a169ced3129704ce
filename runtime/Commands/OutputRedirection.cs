namespace Spawn.Commands;

/// <summary>Where a job's stdout or stderr goes.</summary>
public enum OutputRedirection
{
    /// <summary>What the verb does with it: <see cref="Job.Run"/> lets the job inherit this process's
    /// stream; <see cref="Job.Capture"/> and <see cref="Job.ReadLinesAsync"/> read it through a pipe.</summary>
    Default = 0,

    /// <summary>The job writes to this process's own stream.</summary>
    Inherit = 1,

    /// <summary>The job writes to <c>/dev/null</c>.</summary>
    Discard = 2,

    /// <summary>For stderr only: it goes wherever stdout goes (<c>2&gt;&amp;1</c>); captured or streamed
    /// lines then all come as <see cref="OutputSource.Output"/>.</summary>
    ToOutput = 3,
}
