using Spawn.Interop;

namespace Spawn.Sandboxing;

/// <summary>What the running kernel's Landlock can enforce.</summary>
public static class Landlock
{
    /// <summary>
    /// The kernel's Landlock ABI version: <c>landlock_create_ruleset(NULL, 0,
    /// LANDLOCK_CREATE_RULESET_VERSION)</c>; 0 when Landlock is missing (ENOSYS, before Linux 5.13)
    /// or not enabled at boot (EOPNOTSUPP). Asked once.
    /// </summary>
    public static int AbiVersion => s_abi ??= Math.Max(0, LandlockSyscalls.Abi());

    private static int? s_abi;

    /// <summary>The file system rights ABI <paramref name="abi"/> handles: 1 the first thirteen,
    /// 2 <see cref="LandlockFileSystemAccess.Refer"/>, 3 <see cref="LandlockFileSystemAccess.Truncate"/>,
    /// 5 <see cref="LandlockFileSystemAccess.IoctlDevice"/>.</summary>
    public static LandlockFileSystemAccess FileSystemAccess(int abi) => abi switch
    {
        <= 0 => LandlockFileSystemAccess.None,
        1 => LandlockFileSystemAccess.All & ~(LandlockFileSystemAccess.Refer | LandlockFileSystemAccess.Truncate
                                                | LandlockFileSystemAccess.IoctlDevice),
        2 => LandlockFileSystemAccess.All & ~(LandlockFileSystemAccess.Truncate | LandlockFileSystemAccess.IoctlDevice),
        3 or 4 => LandlockFileSystemAccess.All & ~LandlockFileSystemAccess.IoctlDevice,
        _ => LandlockFileSystemAccess.All,
    };

    /// <summary>The network rights ABI <paramref name="abi"/> handles: both TCP rights from 4.</summary>
    public static LandlockNetworkAccess NetworkAccess(int abi) =>
        abi >= 4 ? LandlockNetworkAccess.BindTcp | LandlockNetworkAccess.ConnectTcp : LandlockNetworkAccess.None;

    /// <summary>The scopes ABI <paramref name="abi"/> handles: both from 6.</summary>
    public static LandlockScopes Scopes(int abi) =>
        abi >= 6 ? LandlockScopes.AbstractUnixSocket | LandlockScopes.Signal : LandlockScopes.None;

    /// <summary>The lowest ABI that handles all of these (0 for none).</summary>
    internal static int AbiNeeded(LandlockFileSystemAccess fs, LandlockNetworkAccess net, LandlockScopes scopes)
    {
        for (int abi = 0; abi <= 7; abi++)
        {
            if ((fs & ~FileSystemAccess(abi)) == 0 && (net & ~NetworkAccess(abi)) == 0 && (scopes & ~Scopes(abi)) == 0)
                return abi;
        }
        return int.MaxValue;
    }
}
