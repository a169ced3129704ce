using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Spawn.Commands;

/// <summary>
/// The one thread that spawns every process asking for a parent-death signal
/// (<see cref="Job.KillOnParentExit"/>). <c>PR_SET_PDEATHSIG</c> fires when the <em>thread</em> that
/// spawned the child ends, and the thread pool retires idle threads, so a child spawned from an
/// <c>await</c> continuation would be killed while this process runs on. This thread is started on
/// first use and never ends before the process: the caller hands it the spawn and waits for it.
/// </summary>
internal static class ParentDeathSpawnThread
{
    private static readonly BlockingCollection<Request> s_requests = [];
    private static readonly Thread s_thread = StartThread();

    /// <summary>Runs <paramref name="spawn"/> on the spawning thread and returns what it returned (or throws what it threw).</summary>
    internal static T Run<T>(Func<T> spawn)
    {
        if (Thread.CurrentThread == s_thread)
            return spawn();
        var request = new Request<T>(spawn);
        s_requests.Add(request);
        request.Done.Wait();
        request.Done.Dispose();
        request.Failure?.Throw();
        return request.Result!;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "Spawn parent-death spawner" };
        thread.Start();
        return thread;
    }

    private static void Serve()
    {
        foreach (Request request in s_requests.GetConsumingEnumerable())
            request.Execute();
    }

    private abstract class Request
    {
        internal ManualResetEventSlim Done { get; } = new();

        internal ExceptionDispatchInfo? Failure { get; private protected set; }

        internal abstract void Execute();
    }

    private sealed class Request<T>(Func<T> spawn) : Request
    {
        internal T? Result { get; private set; }

        internal override void Execute()
        {
            try
            {
                Result = spawn();
            }
            catch (Exception exception)
            {
                Failure = ExceptionDispatchInfo.Capture(exception);
            }
            Done.Set();
        }
    }
}
