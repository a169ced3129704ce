using System.ComponentModel;
using System.Runtime.InteropServices;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.LowLevel;

/// <summary>
/// The allocation-free entry into the C core, for generated code: the caller builds a
/// <see cref="NativeSpawnRequest"/> and everything it points to (on its stack), makes one
/// <see cref="Spawn"/> call, and waits with <see cref="WaitForExit"/>; a successful spawn and wait
/// allocate nothing on the managed heap. Wrap the pidfd with <see cref="PidFd.FromRaw"/> to hand
/// it out. Application code should use <see cref="Spawner"/>.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpawnCore
{
    /// <summary>
    /// <c>spawn_core_spawn</c>: the glibc patch set's <c>pidfd_spawn</c> / <c>posix_spawn</c> in one call
    /// (clone3, child setup, exec). On failure no child and no descriptor are left.
    /// </summary>
    /// <param name="request">The spawn; every pointer must stay valid for the call.</param>
    /// <param name="result">Receives the pid, the pidfd (with <see cref="NativeSpawnOptions.ReturnPidFd"/>)
    /// or the errno, stage and file-action index.</param>
    /// <returns>0, or the errno (also in <c>result->Error</c>); turn it into an exception with <see cref="CreateException"/>.</returns>
    public static int Spawn(NativeSpawnRequest* request, NativeSpawnResult* result) => NativeSpawn.Spawn(request, result);

    /// <summary>
    /// The <see cref="SpawnException"/> for a failed <see cref="Spawn"/>: names the stage, the file
    /// action's index, kind and path, or the program's path for an exec failure.
    /// </summary>
    /// <param name="result">The failed call's result.</param>
    /// <param name="request">The request that failed (read for paths and action kinds), or null.</param>
    public static SpawnException CreateException(in NativeSpawnResult result, NativeSpawnRequest* request)
    {
        int index = result.ActionIndex;
        NativeFileAction* action = request is not null && result.Stage == SpawnStage.FileAction
                                   && (uint)index < (uint)request->ActionCount ? &request->Actions[index] : null;
        var error = new SpawnError(new Errno(result.Error), result.Stage, index, action is null ? null : action->Kind,
                                   result.Detail, action is null ? null : ActionPath(action));
        string? path = request is null ? null : Marshal.PtrToStringUTF8((nint)request->Path);
        return error.ToException(path);
    }

    // Path is text only for the steps that take a path; setgroups and setrlimit point it at numbers.
    private static string? ActionPath(NativeFileAction* action) =>
        action->Kind is SpawnFileActionKind.Open or SpawnFileActionKind.Chdir or SpawnFileActionKind.Chroot
            ? Marshal.PtrToStringUTF8((nint)action->Path)
            : null;

    /// <summary>
    /// <c>waitid(P_PIDFD, pidfd, WEXITED)</c>, retried on EINTR: waits for the child, reaps it and
    /// returns how it ended. Does not close the pidfd.
    /// </summary>
    /// <param name="pidfd">A pidfd of the caller's child.</param>
    /// <exception cref="SpawnException">ECHILD (not a child, or already reaped), EBADF, ENOSYS.</exception>
    public static ExitStatus WaitForExit(int pidfd)
    {
        Errno error = ChildWait.Wait(pidfd, blocking: true, out _, out ExitStatus status);
        return error.Value == 0 ? status : throw new SpawnException("waitid", error);
    }

    /// <summary><c>close(fd)</c>; errors are ignored (the descriptor is released either way on Linux).</summary>
    /// <param name="fd">The descriptor, for example the pidfd of <see cref="NativeSpawnResult.PidFd"/>.</param>
    public static void Close(int fd) => Libc.Close(fd);
}
