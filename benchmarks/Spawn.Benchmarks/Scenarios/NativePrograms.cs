namespace Spawn.Benchmarks.Scenarios;

/// <summary>The programs the benchmark spawns.</summary>
internal static class NativePrograms
{
    /// <summary>A dynamically linked program: what most spawns look like, exec and ld.so included.</summary>
    public const string BinTrue = "/bin/true";

    /// <summary>native/exit_now.c: static, no C library, exits at once, so the spawn itself dominates.</summary>
    public static string ExitNow { get; } = Path.Combine(AppContext.BaseDirectory, "exit_now");

    /// <summary>native/exit_on_eof.c: static, no C library, exits when its stdin reaches end of file.</summary>
    public static string ExitOnEof { get; } = Path.Combine(AppContext.BaseDirectory, "exit_on_eof");

    /// <summary>The name a table shows for a program.</summary>
    public static string Describe(string program) =>
        program == BinTrue ? "/bin/true" : $"static {Path.GetFileName(program)} (no libc)";
}
