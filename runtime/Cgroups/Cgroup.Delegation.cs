using System.Globalization;
using System.Text;
using Spawn.Interop;

namespace Spawn.Cgroups;

public sealed partial class Cgroup
{
    // One setup at a time in this process: a second thread then finds the first one's leaf and
    // controllers in place instead of racing it through the same writes.
    private static readonly Lock s_delegationLock = new();

    /// <summary>
    /// Opens a cgroup this process may create job scopes in, with <paramref name="controllers"/> enabled
    /// for them: <see cref="OpenDelegated(CgroupDelegationOptions)"/> with these controllers and the
    /// default options (the leaf is named <c>leaf</c>; other processes sharing the cgroup are not moved).
    /// </summary>
    /// <param name="controllers">The controllers job scopes need (<c>memory</c>, <c>pids</c>, <c>cpu</c> ...); none: no controller.</param>
    /// <exception cref="SpawnException">As for <see cref="OpenDelegated(CgroupDelegationOptions)"/>.</exception>
    public static Cgroup OpenDelegated(params IEnumerable<string> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        return OpenDelegated(new CgroupDelegationOptions { Controllers = [.. controllers] });
    }

    /// <summary>
    /// Opens a cgroup this process may create job scopes in (<see cref="CreateChild"/>), with the
    /// controllers of <paramref name="options"/> enabled for them, and sets it up when needed. The
    /// kernel lets a cgroup enable controllers for its children only while it holds no process itself
    /// (the no-internal-processes rule, EBUSY otherwise), and this process sits in its own cgroup: in a
    /// container at the root of its cgroup namespace, in a systemd service with <c>Delegate=yes</c> in the
    /// delegated cgroup. So this process moves into a leaf child of its cgroup (its pid written to the
    /// leaf's <c>cgroup.procs</c>, which moves every thread), the controllers are enabled in the cgroup's
    /// <c>cgroup.subtree_control</c>, and that cgroup is returned: job scopes become siblings of the leaf.
    /// </summary>
    /// <remarks>
    /// <para>Files written: <c>mkdir</c> of <c>LEAF</c>, then <c>LEAF/cgroup.procs</c> (this process, and with
    /// <see cref="CgroupDelegationOptions.MoveOtherProcesses"/> the others listed in <c>cgroup.procs</c>),
    /// then <c>cgroup.subtree_control</c> (<c>+memory +pids ...</c>). Checked first: <c>faccessat(W_OK)</c> on
    /// the folder, <c>cgroup.procs</c> and <c>cgroup.subtree_control</c>, and <c>cgroup.controllers</c>.</para>
    /// <para>Nothing moves when nothing needs to: without controllers the current cgroup is returned as
    /// it is (children of a cgroup holding processes are allowed when no controller is enabled); at the
    /// root of the whole hierarchy, which the rule exempts, the controllers are enabled in place; when
    /// this process already sits in the leaf (a second call, from any thread), the leaf's parent is
    /// returned and only missing controllers are enabled. Other processes sharing the cgroup are never
    /// moved unless asked: the call refuses with EBUSY naming them, having moved and created nothing.</para>
    /// <para>See docs/cgroups.md for the rule, the leaf move and the setups that work out of the box.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The leaf name is not a single folder name, or a controller name is empty or holds a space.</exception>
    /// <exception cref="SpawnException">ENOENT: cgroup2 is not mounted (a v1 layout), or a controller is not
    /// in <c>cgroup.controllers</c> (bound to a v1 hierarchy in a hybrid layout, or not passed down: the
    /// message says which); EACCES or EPERM: this user may not manage the cgroup (the message gives the
    /// <c>systemd-run --user --scope -p Delegate=yes</c> and <c>Delegate=yes</c> ways to get one); EROFS: the
    /// cgroup2 mount is read-only (a container's default); EBUSY: other processes share the cgroup (listed);
    /// errors of <c>mkdir</c> and of the writes.</exception>
    public static Cgroup OpenDelegated(CgroupDelegationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckFolderName(options.LeafName, nameof(options));
        string[] wanted = [.. options.Controllers.Distinct(StringComparer.Ordinal)];
        if (wanted.Any(name => name.Length == 0 || name.Any(char.IsWhiteSpace) || name[0] is '+' or '-'))
            throw new ArgumentException($"Controller names are single words like \"memory\": \"{string.Join("\", \"", wanted)}\".", nameof(options));

        lock (s_delegationLock)
        {
            if (CgroupMount.MountPoint is null)
                throw CgroupDelegationErrors.NoCgroup2();
            string folder = FindCurrentFolder(out string relative);
            // A leaf has a parent this process can see: not at its namespace root, nor at the mount's root.
            bool inLeaf = relative != "/" && folder != CgroupMount.MountPoint.TrimEnd('/') && System.IO.Path.GetFileName(folder) == options.LeafName;
            var scope = Open(inLeaf ? folder[..folder.LastIndexOf('/')] : folder);
            try
            {
                scope.SetUpJobScopes(wanted, options, atNamespaceRoot: relative == "/");
                return scope;
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Whether systemd marked this cgroup as delegated (<c>Delegate=yes</c>): the <c>trusted.delegate</c>
    /// extended attribute (set by the system manager) or <c>user.delegate</c> (set by a user manager) is
    /// <c>1</c>, read with <c>fgetxattr</c>. Older systemd versions set neither, so false does not prove the
    /// cgroup is not delegated; a kernel without extended attributes on cgroup2 gives false too.
    /// </summary>
    /// <exception cref="SpawnException"><c>fgetxattr</c> failed other than with ENODATA or EOPNOTSUPP.</exception>
    public bool IsDelegated => HasDelegateMark("trusted.delegate\0"u8, "trusted.delegate") || HasDelegateMark("user.delegate\0"u8, "user.delegate");

    private bool HasDelegateMark(ReadOnlySpan<byte> name, string attribute)
    {
        const int ENODATA = 61, ERANGE = 34;
        Span<byte> value = stackalloc byte[1];
        int length = CgroupFile.ReadAttribute(Handle, name, value, out var error);
        if (length >= 0)
            return length == 1 && value[0] == (byte)'1';
        // ENODATA: no such attribute; ERANGE: longer than "1", so not the mark; EOPNOTSUPP: no attributes on cgroup2 here.
        if (error.Value is ENODATA or ERANGE || error == Errno.EOPNOTSUPP)
            return false;
        throw new SpawnException("fgetxattr " + attribute, error, Path);
    }

    private void SetUpJobScopes(string[] wanted, CgroupDelegationOptions options, bool atNamespaceRoot)
    {
        CheckWritable(".\0"u8, ".");
        CheckWritable("cgroup.procs\0"u8, "cgroup.procs");
        CheckWritable("cgroup.subtree_control\0"u8, "cgroup.subtree_control");
        if (wanted.Length == 0)
            return;

        IReadOnlyList<string> available = Controllers;
        string[] unavailable = wanted.Except(available).ToArray();
        if (unavailable.Length > 0)
            throw CgroupDelegationErrors.Unavailable(this, unavailable, available, CgroupMount.FindV1Controllers(File.ReadAllText("/proc/self/cgroup")));
        string[] missing = wanted.Except(SubtreeControllers).ToArray();
        if (missing.Length == 0)
            return;

        // The root of the whole hierarchy has no cgroup.events: the rule exempts it, so nothing moves there.
        int events = CgroupFile.Open(Handle, "cgroup.events\0"u8, OpenFlags.O_RDONLY, out var eventsError);
        bool hierarchyRoot = events < 0 && eventsError == Errno.ENOENT;
        if (events >= 0)
            Libc.Close(events);
        var content = Encoding.ASCII.GetBytes(string.Join(' ', missing.Select(static name => "+" + name)));
        // A process the listing missed (forked by one being moved, or moved in from outside) makes the
        // write fail with EBUSY: list and move again, a few times.
        for (int attempt = 1; ; attempt++)
        {
            if (!hierarchyRoot)
                MoveProcessesIntoLeaf(options, atNamespaceRoot);
            if (CgroupFile.Write(Handle, "cgroup.subtree_control\0"u8, content, out var error))
                return;
            if (error == Errno.EBUSY && !hierarchyRoot && attempt < 3)
                continue;
            throw IsDenial(error) ? CgroupDelegationErrors.Denied(this, "write", error, "cgroup.subtree_control")
                : new SpawnException($"write \"{Encoding.ASCII.GetString(content)}\" to cgroup.subtree_control", error, Path + "/cgroup.subtree_control");
        }
    }

    private void CheckWritable(ReadOnlySpan<byte> name, string fileName)
    {
        if (CgroupFile.CanWrite(Handle, name, out var error))
            return;
        throw IsDenial(error) ? CgroupDelegationErrors.Denied(this, "faccessat(W_OK)", error, fileName)
            : new SpawnException("faccessat(W_OK)", error, Path + "/" + fileName);
    }

    private static bool IsDenial(Errno error) => error == Errno.EACCES || error == Errno.EPERM || error == CgroupDelegationErrors.EROFS;

    /// <summary>
    /// Empties this cgroup into its leaf: this process, and the others only when the options allow
    /// (else EBUSY listing them, before anything is created or moved).
    /// </summary>
    private void MoveProcessesIntoLeaf(CgroupDelegationOptions options, bool atNamespaceRoot)
    {
        int self = Environment.ProcessId;
        int[] inside = File.ReadLines(Path + "/cgroup.procs").Select(line => int.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        if (inside.Length == 0)
            return;
        int[] others = inside.Where(pid => pid != self).ToArray();
        if (others.Length > 0 && !options.MoveOtherProcesses)
            throw CgroupDelegationErrors.SharedCgroup(this, others, atNamespaceRoot);

        bool created = false;
        Cgroup leaf;
        try
        {
            leaf = CreateChild(options.LeafName);
            created = true;
        }
        catch (SpawnException exception) when (exception.Errno == Errno.EEXIST)
        {
            leaf = Open(Path + "/" + options.LeafName);
        }
        catch (SpawnException exception) when (IsDenial(exception.Errno))
        {
            throw CgroupDelegationErrors.Denied(this, "mkdir", exception.Errno, options.LeafName);
        }

        using (leaf)
        {
            try
            {
                // This process first: the others are optional, and one of them may be gone already.
                foreach (int pid in inside.Where(pid => pid == self).Concat(others))
                {
                    try
                    {
                        leaf.AddProcess(pid);
                    }
                    catch (SpawnException exception) when (exception.Errno == Errno.ESRCH)
                    {
                        // It exited since the listing: nothing to move.
                    }
                    catch (SpawnException exception) when (IsDenial(exception.Errno))
                    {
                        throw CgroupDelegationErrors.Denied(leaf, "write " + pid.ToString(CultureInfo.InvariantCulture), exception.Errno, "cgroup.procs");
                    }
                }
            }
            catch when (created && !leaf.IsPopulated)
            {
                // Leave nothing behind: the leaf this call made and nobody entered goes again.
                leaf.Delete();
                throw;
            }
        }
    }
}
