using System.Runtime.ExceptionServices;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// Runs an action on a new thread that ends with it, and rethrows what it threw (a skip included):
/// for per-thread kernel state (credentials, a pid namespace for children) that must never reach a
/// thread of the pool or of the test host.
/// </summary>
internal static class DedicatedThread
{
    public static void Run(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
