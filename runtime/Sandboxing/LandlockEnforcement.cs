namespace Spawn.Sandboxing;

/// <summary>
/// What a compiled sandbox's Landlock ruleset enforces, and what it left out because the kernel's
/// ABI (or the ceiling <see cref="SandboxProfile.Compile(int)"/> was given) cannot handle it.
/// </summary>
/// <param name="Abi">The ABI the ruleset was built for (0: no Landlock step).</param>
/// <param name="FileSystem">The file system rights the ruleset handles (refused unless a rule allows them).</param>
/// <param name="Network">The network rights it handles.</param>
/// <param name="Scopes">The scopes it enforces.</param>
/// <param name="DroppedFileSystem">Rights asked for and not enforced (<see cref="UnenforceableRights.Drop"/>).</param>
/// <param name="DroppedNetwork">Network rights asked for and not enforced.</param>
/// <param name="DroppedScopes">Scopes asked for and not enforced.</param>
public sealed record LandlockEnforcement(int Abi, LandlockFileSystemAccess FileSystem, LandlockNetworkAccess Network,
                                         LandlockScopes Scopes, LandlockFileSystemAccess DroppedFileSystem,
                                         LandlockNetworkAccess DroppedNetwork, LandlockScopes DroppedScopes)
{
    /// <summary>True when something asked for is not enforced.</summary>
    public bool DroppedAny => DroppedFileSystem != 0 || DroppedNetwork != 0 || DroppedScopes != 0;
}
