using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Sandboxing;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// A sandboxed spawn (SandboxPresets.Untrusted: Landlock, seccomp, capabilities, a new network
/// namespace as root) next to bubblewrap with the closest restrictions it has (read-only binds of
/// the system folders, one writable bind, a new network namespace, every capability dropped, a new
/// session), a plain spawn, and a [Sandbox] spec with the same sandbox, side by side in one run.
/// </summary>
internal static class SandboxedSpawn
{
    private const string Bwrap = "/usr/bin/bwrap";

    public static Section Run(Settings settings)
    {
        string program = NativePrograms.BinTrue;
        string folder = Directory.CreateTempSubdirectory("spawn-benchmark-sandbox-").FullName;
        try
        {
            IReadOnlyList<string> argv = ["true"];
            using Sandbox sandbox = SandboxPresets.Untrusted(folder).Compile();
            var methods = new List<Method>
            {
                new("plain spawn", () => Wait(Spawner.PidFdSpawn(program, null, null, argv, sandbox.Environment))),
                new("sandboxed spawn (Untrusted preset)", () => Wait(sandbox.Spawn(program, argv))),
                new("[Sandbox] spec, ExitStatus (Untrusted preset)", () => SandboxedSpecs.Run()),
            };
            SandboxedSpecs.Current = sandbox;
            bool haveBwrap = File.Exists(Bwrap);
            if (haveBwrap)
            {
                var bwrapArgv = new List<string> { "bwrap" };
                foreach (string system in new[] { "/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc" })
                {
                    if (Directory.Exists(system))
                        bwrapArgv.AddRange(["--ro-bind", system, system]);
                }
                bwrapArgv.AddRange(["--dev-bind", "/dev/null", "/dev/null", "--bind", folder, folder, "--chdir", folder,
                                    "--unshare-net", "--cap-drop", "ALL", "--new-session", "--die-with-parent", program]);
                methods.Add(new("bwrap (same restrictions)", () => Wait(Spawner.PidFdSpawn(Bwrap, null, null, bwrapArgv, sandbox.Environment))));
            }
            int rounds = settings.CgroupRounds;
            Timing[] timings = RoundRobin.Run([.. methods], rounds, settings.WarmupRounds);

            double plain = Timing.Find(timings, "plain").MedianMs;
            double sandboxed = Timing.Find(timings, "sandboxed").MedianMs;
            double spec = Timing.Find(timings, "[Sandbox] spec").MedianMs;
            string target = $"A sandboxed spawn costs {Figures.Ratio(sandboxed / plain)} of a plain one, "
                + $"through a [Sandbox] spec {Figures.Ratio(spec / plain)}";
            if (haveBwrap)
            {
                double bwrap = Timing.Find(timings, "bwrap").MedianMs;
                target += $" and {Figures.Ratio(sandboxed / bwrap)} of bwrap's (target: well below 1x)";
            }
            else
            {
                target += " (bwrap is not installed here: apt-get install bubblewrap)";
            }
            string text = $"{NativePrograms.Describe(program)}, {rounds} rounds; the sandbox is compiled once (Landlock ABI {sandbox.Landlock.Abi}), "
                + "bwrap is started as a program. bwrap's restrictions are mounts, not Landlock rules: the closest it has, not the same mechanism.";
            return new Section("Sandboxed spawn", text, [("Ratios against a plain spawn:", TimingTable.Create(timings, "plain"))], [target]);
        }
        finally
        {
            SandboxedSpecs.Current = null;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Wait(PidFd child)
    {
        using (child)
            child.WaitForExit();
    }
}
