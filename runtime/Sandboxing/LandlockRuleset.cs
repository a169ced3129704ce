using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Sandboxing;

/// <summary>
/// A Landlock ruleset built in the parent: <c>landlock_create_ruleset</c> with the rights the ABI
/// handles, one <c>landlock_add_rule</c> per path (opened <c>O_PATH | O_CLOEXEC</c> and closed at
/// once, in the C core) and per port. The child only calls <c>landlock_restrict_self</c> on it
/// (<see cref="SpawnFileActions.AddLandlockRestrict"/>); the descriptor stays open here until
/// <see cref="Dispose"/>, so one ruleset serves every spawn.
/// </summary>
internal sealed class LandlockRuleset : IDisposable
{
    private readonly SafeFileHandle _handle;

    private LandlockRuleset(SafeFileHandle handle, LandlockEnforcement enforcement)
    {
        _handle = handle;
        Enforcement = enforcement;
    }

    public LandlockEnforcement Enforcement { get; }

    /// <summary>The descriptor's owner: a spawn holds a reference while it runs, so that a concurrent <see cref="Dispose"/> cannot close it under the child.</summary>
    public SafeFileHandle Handle => _handle;

    /// <summary>The descriptor, for the child step.</summary>
    public int Descriptor => (int)_handle.DangerousGetHandle();

    /// <summary>
    /// Builds the ruleset for ABI <paramref name="abi"/>: rights above it fail or are dropped (with
    /// <paramref name="mode"/>), and rules are added with the rights that remain.
    /// </summary>
    public static unsafe LandlockRuleset Create(int abi, LandlockFileSystemAccess handledFs, LandlockNetworkAccess handledNet,
                                                LandlockScopes scopes, UnenforceableRights mode,
                                                IReadOnlyList<(string Path, LandlockFileSystemAccess Access)> paths,
                                                IReadOnlyList<(ushort Port, LandlockNetworkAccess Access)> ports)
    {
        var droppedFs = handledFs & ~Landlock.FileSystemAccess(abi);
        var droppedNet = handledNet & ~Landlock.NetworkAccess(abi);
        var droppedScopes = scopes & ~Landlock.Scopes(abi);
        if ((droppedFs != 0 || droppedNet != 0 || droppedScopes != 0) && mode == UnenforceableRights.Fail)
        {
            int needed = Landlock.AbiNeeded(handledFs, handledNet, scopes);
            throw new SandboxException(
                $"Landlock ABI {abi} cannot enforce {Describe(droppedFs, droppedNet, droppedScopes)}; the profile needs ABI {needed}"
                + (abi == 0 ? " (Landlock is missing or disabled: Linux 5.13+, lsm=landlock)" : ""));
        }
        handledFs &= ~droppedFs;
        handledNet &= ~droppedNet;
        scopes &= ~droppedScopes;
        var enforcement = new LandlockEnforcement(abi, handledFs, handledNet, scopes, droppedFs, droppedNet, droppedScopes);

        int fd = LandlockSyscalls.CreateRuleset((ulong)handledFs, (ulong)handledNet, (ulong)scopes);
        if (fd < 0)
            throw new SandboxException("landlock_create_ruleset", new Errno(-fd));
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            foreach (var (path, access) in paths)
            {
                var allowed = access & handledFs;
                if (allowed == 0)
                    continue; // nothing left that this ruleset refuses: no rule needed
                int rc;
                byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(path) + 1]; // NUL-terminated
                Encoding.UTF8.GetBytes(path, utf8);
                fixed (byte* p = utf8)
                    rc = LandlockSyscalls.AllowPath(fd, p, (ulong)allowed);
                if (rc < 0)
                    throw new SandboxException($"landlock_add_rule \"{path}\" ({allowed})", new Errno(-rc));
            }
            foreach (var (port, access) in ports)
            {
                var allowed = access & handledNet;
                if (allowed == 0)
                    continue;
                int rc = LandlockSyscalls.AllowPort(fd, port, (ulong)allowed);
                if (rc < 0)
                    throw new SandboxException($"landlock_add_rule port {port} ({allowed})", new Errno(-rc));
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        return new LandlockRuleset(handle, enforcement);
    }

    internal static string Describe(LandlockFileSystemAccess fs, LandlockNetworkAccess net, LandlockScopes scopes)
    {
        var parts = new List<string>(3);
        if (fs != 0)
            parts.Add($"file system rights {fs}");
        if (net != 0)
            parts.Add($"network rights {net}");
        if (scopes != 0)
            parts.Add($"scopes {scopes}");
        return string.Join(", ", parts);
    }

    /// <summary>Closes the ruleset descriptor; later spawns of steps that name it fail with EBADF.</summary>
    public void Dispose() => _handle.Dispose();
}
