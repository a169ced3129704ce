using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// <c>Spawn.Runtime.SeccompRunner CALL ERRNO PROBE [CGROUP]</c>: installs a seccomp filter on the
/// main thread that makes CALL (a <see cref="RefusedCall"/> name, or <c>none</c>) fail with ERRNO
/// (ENOSYS, EPERM or EINVAL), before the runtime probes anything, then runs
/// <see cref="RefusalScenario"/> with PROBE (spawn_probe) as the child and CGROUP (a cgroup2 folder)
/// for the cgroup step, and reports the descriptors and children it holds at the start and the end.
/// Exit status 0 when it ran, 2 for a usage error, 3 when this architecture is not supported.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, Errno> s_errnos = new(StringComparer.Ordinal)
    {
        ["ENOSYS"] = Errno.ENOSYS,
        ["EPERM"] = Errno.EPERM,
        ["EINVAL"] = Errno.EINVAL,
    };

    public static int Main(string[] args)
    {
        if (args.Length is < 3 or > 4 || !s_errnos.TryGetValue(args[1], out Errno errno))
            return Usage();
        RefusedCall? call = RefusedCall.All.SingleOrDefault(candidate => candidate.Name == args[0]);
        if (call is null && args[0] != "none")
            return Usage();
        if (!SyscallTable.IsSupported)
        {
            Console.Error.WriteLine($"seccomp numbers are known for x86-64 and aarch64 only, not {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
            return 3;
        }

        // The first line also sets up what the console keeps for the rest of the run (its stream,
        // the runtime's signal pipe and thread), before the filter could refuse a part of it.
        RefusalScenario.Print("filter", call is null ? "none" : $"{call.Name} {errno.Name}");
        if (call is not null)
        {
            ProcessFilter.Install(call, errno);
            RefusalScenario.Print("filter-check", RefusedCall.Describe(call.Check));
            if (call.Neighbour is not null)
                RefusalScenario.Print("filter-neighbour", RefusedCall.Describe(call.Neighbour));
        }

        var before = ProcessResources.Capture();
        RefusalScenario.Run(args[2], args.Length == 4 ? args[3] : null);
        var after = ProcessResources.Capture();
        RefusalScenario.Print("descriptors", $"{before.Descriptors.Count.ToString(CultureInfo.InvariantCulture)} {after.Descriptors.Count.ToString(CultureInfo.InvariantCulture)}");
        RefusalScenario.Print("leaked", string.Join("; ", after.DescribeAdditionsTo(before)) is { Length: > 0 } leaks ? leaks : "nothing");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: Spawn.Runtime.SeccompRunner {{none|{string.Join('|', RefusedCall.All.Select(call => call.Name))}}} {{ENOSYS|EPERM|EINVAL}} PROBE [CGROUP]");
        return 2;
    }
}
