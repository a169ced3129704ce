using Spawn.Specs;
using Spawn.Terminals;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>The <c>[Terminal]</c> spec the terminal scenario measures against <see cref="Terminal.Spawn"/>.</summary>
internal static partial class TerminalSpecs
{
    // An empty environment, as the Terminal.Spawn it is compared with passes.
    [SpawnSpec("/bin/true", SearchPath = false)]
    [ClearEnvironment]
    [Terminal]
    public static partial PidFd TrueOnTerminal(out Terminal terminal);
}
