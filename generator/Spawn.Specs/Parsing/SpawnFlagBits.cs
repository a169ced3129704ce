namespace Spawn.Specs.Parsing;

/// <summary>The <c>SpawnFlags</c> bits of the runtime (glibc's values), which the generator cannot reference.</summary>
internal static class SpawnFlagBits
{
    public const uint ResetIds = 0x01;
    public const uint SetProcessGroup = 0x02;
    public const uint SetSignalDefault = 0x04;
    public const uint SetSignalMask = 0x08;
    public const uint SetSchedulerParameter = 0x10;
    public const uint SetScheduler = 0x20;
    public const uint SetSid = 0x80;
    public const uint SetCgroup = 0x100;
}
