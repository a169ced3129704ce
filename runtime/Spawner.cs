using System.Diagnostics.CodeAnalysis;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn;

/// <summary>
/// Starts programs with the glibc patch set's <c>pidfd_spawn</c>, <c>pidfd_spawnp</c>, <c>posix_spawn</c> and
/// <c>posix_spawnp</c>: one <c>clone3(CLONE_VM | CLONE_VFORK | CLONE_PIDFD [| CLONE_INTO_CGROUP])</c>
/// in the C core, the attributes and file actions in glibc's order in the child, then
/// <c>execve</c> (or execvpe's PATH search for the <c>P</c> forms, without a shell on ENOEXEC).
/// </summary>
/// <remarks>
/// <para><b>Arguments.</b> <c>argv</c> must hold at least argv[0]; strings are passed as UTF-8.
/// Null entries, an empty argv and NUL characters are rejected with <see cref="ArgumentException"/>
/// (naming the entry's index) before any system call.</para>
/// <para><b>Environment.</b> <c>envp</c> is a list of <c>NAME=value</c> strings. Null means the
/// environment a <see cref="System.Diagnostics.Process"/> child gets: the managed view
/// <see cref="Environment.GetEnvironmentVariables()"/>, which includes changes made through
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> (the C library's
/// <c>environ</c> does not). Taking that snapshot allocates a <see cref="System.Collections.Hashtable"/>
/// of every variable on each spawn (measured: about 13 KB per spawn with 50 variables, against
/// 56 bytes, the <see cref="PidFd"/> itself, with an explicit list); pass a list on hot paths. The <c>P</c> forms search
/// the managed <c>PATH</c>, else <c>/bin:/usr/bin</c>, as glibc does.</para>
/// <para><b>Memory.</b> Everything the child needs is encoded into one buffer: on the stack up to
/// 8 KiB, in native memory above; nothing is allocated per argument.</para>
/// <para><b>Errors.</b> A failed spawn leaves no child and no descriptor behind and throws
/// <see cref="SpawnException"/> naming the stage: clone (ENOSYS without pidfd support, EAGAIN,
/// ENOMEM; for a cgroup EBADF, ENOTSUP, E2BIG, EOPNOTSUPP, EACCES), a file action with its index
/// and kind (its own errno), or exec (ENOENT, EACCES, ENOEXEC, E2BIG, ETXTBSY, ...). The
/// <c>Try</c> forms return the same error as a <see cref="SpawnError"/>.</para>
/// </remarks>
public static class Spawner
{
    /// <summary>The glibc patch set's <c>pidfd_spawn</c>: runs <paramref name="path"/> and returns the child's pidfd.</summary>
    /// <param name="path">The program's path (no PATH search).</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <returns>The running child; wait for it with <see cref="PidFd.WaitForExit"/>.</returns>
    /// <exception cref="SpawnException">The spawn failed; see <see cref="Spawner"/>.</exception>
    /// <exception cref="ArgumentException">Bad managed input.</exception>
    public static PidFd PidFdSpawn(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                   IReadOnlyList<string> argv, IReadOnlyList<string>? envp) =>
        TryPidFdSpawn(path, actions, attributes, argv, envp, out PidFd? pidfd, out SpawnError error)
            ? pidfd : throw error.ToException(path);

    /// <summary>The glibc patch set's <c>pidfd_spawnp</c>: as <see cref="PidFdSpawn"/>, searching PATH for a <paramref name="file"/> without a slash.</summary>
    /// <param name="file">The program's name or path.</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <exception cref="SpawnException">The spawn failed; see <see cref="Spawner"/>.</exception>
    /// <exception cref="ArgumentException">Bad managed input.</exception>
    public static PidFd PidFdSpawnP(string file, SpawnFileActions? actions, SpawnAttributes? attributes,
                                    IReadOnlyList<string> argv, IReadOnlyList<string>? envp) =>
        TryPidFdSpawnP(file, actions, attributes, argv, envp, out PidFd? pidfd, out SpawnError error)
            ? pidfd : throw error.ToException(file);

    /// <summary>
    /// <c>posix_spawn</c> (with the glibc patch set's SETCGROUP): runs <paramref name="path"/> and returns the
    /// child's pid. The caller reaps the child (<c>waitpid</c>); prefer <see cref="PidFdSpawn"/>.
    /// </summary>
    /// <param name="path">The program's path (no PATH search).</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <exception cref="SpawnException">The spawn failed; see <see cref="Spawner"/>.</exception>
    /// <exception cref="ArgumentException">Bad managed input.</exception>
    public static int PosixSpawn(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                 IReadOnlyList<string> argv, IReadOnlyList<string>? envp) =>
        TryPosixSpawn(path, actions, attributes, argv, envp, out int pid, out SpawnError error)
            ? pid : throw error.ToException(path);

    /// <summary><c>posix_spawnp</c>: as <see cref="PosixSpawn"/>, searching PATH for a <paramref name="file"/> without a slash.</summary>
    /// <param name="file">The program's name or path.</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <exception cref="SpawnException">The spawn failed; see <see cref="Spawner"/>.</exception>
    /// <exception cref="ArgumentException">Bad managed input.</exception>
    public static int PosixSpawnP(string file, SpawnFileActions? actions, SpawnAttributes? attributes,
                                  IReadOnlyList<string> argv, IReadOnlyList<string>? envp) =>
        TryPosixSpawnP(file, actions, attributes, argv, envp, out int pid, out SpawnError error)
            ? pid : throw error.ToException(file);

    /// <summary><see cref="PidFdSpawn"/> that returns a failed spawn as <paramref name="error"/> instead of throwing.</summary>
    /// <param name="path">The program's path (no PATH search).</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <param name="pidfd">The running child, when the result is true.</param>
    /// <param name="error">Why the spawn failed, when the result is false.</param>
    /// <exception cref="ArgumentException">Bad managed input (still thrown).</exception>
    public static bool TryPidFdSpawn(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                     IReadOnlyList<string> argv, IReadOnlyList<string>? envp,
                                     [NotNullWhen(true)] out PidFd? pidfd, out SpawnError error) =>
        TrySpawnPidFd(path, actions, attributes, argv, envp, NativeSpawnOptions.ReturnPidFd, out pidfd, out error);

    /// <summary><see cref="PidFdSpawnP"/> that returns a failed spawn as <paramref name="error"/> instead of throwing.</summary>
    /// <param name="file">The program's name or path.</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <param name="pidfd">The running child, when the result is true.</param>
    /// <param name="error">Why the spawn failed, when the result is false.</param>
    /// <exception cref="ArgumentException">Bad managed input (still thrown).</exception>
    public static bool TryPidFdSpawnP(string file, SpawnFileActions? actions, SpawnAttributes? attributes,
                                      IReadOnlyList<string> argv, IReadOnlyList<string>? envp,
                                      [NotNullWhen(true)] out PidFd? pidfd, out SpawnError error) =>
        TrySpawnPidFd(file, actions, attributes, argv, envp,
                      NativeSpawnOptions.ReturnPidFd | NativeSpawnOptions.SearchPath, out pidfd, out error);

    /// <summary><see cref="PosixSpawn"/> that returns a failed spawn as <paramref name="error"/> instead of throwing.</summary>
    /// <param name="path">The program's path (no PATH search).</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <param name="pid">The child's pid, when the result is true.</param>
    /// <param name="error">Why the spawn failed, when the result is false.</param>
    /// <exception cref="ArgumentException">Bad managed input (still thrown).</exception>
    public static bool TryPosixSpawn(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                     IReadOnlyList<string> argv, IReadOnlyList<string>? envp,
                                     out int pid, out SpawnError error) =>
        TrySpawnPid(path, actions, attributes, argv, envp, NativeSpawnOptions.None, out pid, out error);

    /// <summary><see cref="PosixSpawnP"/> that returns a failed spawn as <paramref name="error"/> instead of throwing.</summary>
    /// <param name="file">The program's name or path.</param>
    /// <param name="actions">File actions, or null.</param>
    /// <param name="attributes">Attributes, or null.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment.</param>
    /// <param name="pid">The child's pid, when the result is true.</param>
    /// <param name="error">Why the spawn failed, when the result is false.</param>
    /// <exception cref="ArgumentException">Bad managed input (still thrown).</exception>
    public static bool TryPosixSpawnP(string file, SpawnFileActions? actions, SpawnAttributes? attributes,
                                      IReadOnlyList<string> argv, IReadOnlyList<string>? envp,
                                      out int pid, out SpawnError error) =>
        TrySpawnPid(file, actions, attributes, argv, envp, NativeSpawnOptions.SearchPath, out pid, out error);

    private static bool TrySpawnPidFd(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                      IReadOnlyList<string> argv, IReadOnlyList<string>? envp, NativeSpawnOptions options,
                                      [NotNullWhen(true)] out PidFd? pidfd, out SpawnError error)
    {
        error = SpawnInvocation.Run(path, actions, attributes, argv, envp, options, out NativeSpawnResult result);
        pidfd = error.IsError ? null : PidFd.FromSpawn(result.PidFd, result.Pid);
        return pidfd is not null;
    }

    private static bool TrySpawnPid(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                    IReadOnlyList<string> argv, IReadOnlyList<string>? envp, NativeSpawnOptions options,
                                    out int pid, out SpawnError error)
    {
        error = SpawnInvocation.Run(path, actions, attributes, argv, envp, options, out NativeSpawnResult result);
        pid = error.IsError ? 0 : result.Pid;
        return !error.IsError;
    }
}
