using Spawn.Lifecycle;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

/// <summary>
/// A leak-checked test that may be the first to use the epoll reactor: its epoll descriptor lives
/// as long as the process, so it is created before the base class counts the descriptors.
/// </summary>
public abstract class ReactorAwareTest : LeakCheckedTest
{
    static ReactorAwareTest() => _ = EpollReactor.Instance;
}
