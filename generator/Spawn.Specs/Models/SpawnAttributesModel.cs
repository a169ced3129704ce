namespace Spawn.Specs.Models;

/// <summary>The <c>posix_spawnattr_t</c> part of a spec; <see cref="Flags"/> holds <c>SpawnFlags</c> bits.</summary>
internal sealed record SpawnAttributesModel(
    uint Flags,
    int ProcessGroup,
    string? ProcessGroupParameter,
    ulong SignalMask,
    ulong SignalDefault,
    int SchedulerPolicy,
    int SchedulerPriority)
{
    /// <summary>The attributes that set these fields, as written (each on one line), in order.</summary>
    public EquatableArray<string> AttributeTexts { get; init; }

    public static SpawnAttributesModel None { get; } = new(0, 0, null, 0, 0, 0, 0);
}
