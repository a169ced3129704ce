using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Commands;

/// <summary>
/// The one thread that spawns every process asking for a parent-death signal
/// (<see cref="Job.KillOnParentExit"/>). <c>PR_SET_PDEATHSIG</c> fires when the <em>thread</em> that
/// spawned the child ends, and the thread pool retires idle threads, so a child spawned from an
/// <c>await</c> continuation would be killed while this process runs on. This thread is started on
/// first use and never ends before the process: the caller hands it the spawn and waits for it.
/// </summary>
/// <remarks>
/// A caller blocks until its spawn is done, so each calling thread has at most one request under way:
/// its request object is kept for the thread and used again, and the queue and semaphore allocate
/// nothing in steady state. A generated spec's spawn (<see cref="Spawn(NativeSpawnRequest*, NativeSpawnResult*)"/>)
/// therefore allocates nothing per call; a <see cref="Job"/>'s (<see cref="Run"/>) allocates its delegate.
/// </remarks>
internal static unsafe class ParentDeathSpawnThread
{
    private static readonly ConcurrentQueue<Request> s_requests = new();
    private static readonly SemaphoreSlim s_pending = new(0);
    private static readonly Thread s_thread = StartThread();

    [ThreadStatic]
    private static Request? t_request;

    /// <summary>Runs <paramref name="spawn"/> on the spawning thread (or throws what it threw).</summary>
    internal static void Run(Action spawn)
    {
        if (Thread.CurrentThread == s_thread)
        {
            spawn();
            return;
        }
        Request request = Take();
        request.Action = spawn;
        Hand(request);
    }

    /// <summary><see cref="SpawnCore.Spawn"/> on the spawning thread; the caller waits, so the request and what it points to stay valid.</summary>
    /// <returns>0, or the errno (also in <c>result->Error</c>).</returns>
    internal static int Spawn(NativeSpawnRequest* request, NativeSpawnResult* result)
    {
        if (Thread.CurrentThread == s_thread)
            return SpawnCore.Spawn(request, result);
        Request handed = Take();
        handed.SpawnRequest = request;
        handed.SpawnResult = result;
        Hand(handed);
        return handed.Error;
    }

    // This thread's request, taken out while in use: a request that never came back (an exception
    // in the wait) is never shared.
    private static Request Take()
    {
        Request request = t_request ?? new Request();
        t_request = null;
        request.Done.Reset();
        return request;
    }

    private static void Hand(Request request)
    {
        s_requests.Enqueue(request);
        s_pending.Release();
        request.Done.Wait();
        ExceptionDispatchInfo? failure = request.Failure;
        request.Clear();
        t_request = request;
        failure?.Throw();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "Spawn parent-death spawner" };
        thread.Start();
        return thread;
    }

    private static void Serve()
    {
        while (true)
        {
            s_pending.Wait();
            if (s_requests.TryDequeue(out Request? request))
                request.Execute();
        }
    }

    /// <summary>One spawn handed over: a delegate (a <see cref="Job"/>'s) or a native request (a spec's).</summary>
    private sealed class Request
    {
        internal ManualResetEventSlim Done { get; } = new();

        internal Action? Action { get; set; }

        internal NativeSpawnRequest* SpawnRequest { get; set; }

        internal NativeSpawnResult* SpawnResult { get; set; }

        internal int Error { get; private set; }

        internal ExceptionDispatchInfo? Failure { get; private set; }

        internal void Execute()
        {
            try
            {
                if (Action is { } action)
                    action();
                else
                    Error = SpawnCore.Spawn(SpawnRequest, SpawnResult);
            }
            catch (Exception exception)
            {
                Failure = ExceptionDispatchInfo.Capture(exception);
            }
            Done.Set();
        }

        internal void Clear()
        {
            Action = null;
            SpawnRequest = null;
            SpawnResult = null;
            Failure = null;
        }
    }
}
