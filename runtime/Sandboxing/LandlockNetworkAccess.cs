namespace Spawn.Sandboxing;

/// <summary>Landlock's network rights (<c>LANDLOCK_ACCESS_NET_*</c>, ABI 4): what a port rule allows.</summary>
[Flags]
public enum LandlockNetworkAccess : ulong
{
    /// <summary>No right.</summary>
    None = 0,
    /// <summary>bind a TCP socket to the port.</summary>
    BindTcp = 1UL << 0,
    /// <summary>connect a TCP socket to the port.</summary>
    ConnectTcp = 1UL << 1,
}
