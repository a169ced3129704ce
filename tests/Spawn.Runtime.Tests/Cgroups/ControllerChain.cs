using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Cgroups;

/// <summary>
/// Makes a controller available to a test cgroup: writes <c>+controller</c> to
/// <c>cgroup.subtree_control</c> from the hierarchy's root down to the test cgroup's parent. Disposing
/// removes the test cgroup first, then writes <c>-controller</c> where this enabled it, deepest first.
/// Plain file operations, as in <see cref="TestCgroup"/>, so the class under test prepares nothing.
/// </summary>
internal sealed class ControllerChain : IDisposable
{
    private readonly TestCgroup _cgroup;
    private readonly string _controller;
    private readonly List<string> _enabled = [];

    private ControllerChain(TestCgroup cgroup, string controller)
    {
        _cgroup = cgroup;
        _controller = controller;
    }

    /// <summary>Takes <paramref name="cgroup"/> over (it is removed on dispose), or skips when the hierarchy lacks the controller.</summary>
    public static ControllerChain Enable(TestCgroup cgroup, string controller)
    {
        var chain = new ControllerChain(cgroup, controller);
        try
        {
            string root = CgroupMount.MountPoint!;
            Skip.IfNot(Words(root, "cgroup.controllers").Contains(controller),
                $"the {controller} controller is not in cgroup2 here (cgroup.controllers of {root}: \"{File.ReadAllText(System.IO.Path.Combine(root, "cgroup.controllers")).Trim()}\")");
            var folders = new List<string>();
            for (string? folder = System.IO.Path.GetDirectoryName(cgroup.Path); folder is not null && folder.StartsWith(root, StringComparison.Ordinal); folder = System.IO.Path.GetDirectoryName(folder))
                folders.Insert(0, folder);
            foreach (string folder in folders)
            {
                if (Words(folder, "cgroup.subtree_control").Contains(controller))
                    continue;
                File.WriteAllText(System.IO.Path.Combine(folder, "cgroup.subtree_control"), "+" + controller);
                chain._enabled.Add(folder);
            }

            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _cgroup.Dispose();
        // EBUSY: another cgroup below still enables it (another test run on this machine); it stays.
        for (int i = _enabled.Count - 1; i >= 0; i--)
        {
            try
            {
                File.WriteAllText(System.IO.Path.Combine(_enabled[i], "cgroup.subtree_control"), "-" + _controller);
            }
            catch (IOException exception)
            {
                Console.WriteLine($"{_controller} stays enabled in {_enabled[i]}: {exception.Message}");
            }
        }
    }

    private static string[] Words(string folder, string file) =>
        File.ReadAllText(System.IO.Path.Combine(folder, file)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
