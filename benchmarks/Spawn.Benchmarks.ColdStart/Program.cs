using System.Diagnostics;
using System.Globalization;
using Spawn;
using Spawn.Benchmarks.ColdStart;
using Spawn.Streams;

// Does one first thing, named by the argument, and prints the monotonic clock (Stopwatch ticks,
// CLOCK_MONOTONIC nanoseconds on Linux) when it is done: the parent subtracts the time it started
// this process at. "none" only prints, so what it measures is the runtime's own start.
string what = args.Length > 0 ? args[0] : "none";
switch (what)
{
    case "none":
        break;
    case "process":
        using (Process process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!)
            process.WaitForExit();
        break;
    case "spawner":
        using (PidFd child = Spawner.PidFdSpawn("/bin/true", null, null, ["/bin/true"], null))
            child.WaitForExit();
        break;
    case "spec":
        FirstSpawns.True();
        break;
    case "capture":
        OutputCapture.Run("/bin/true", []);
        break;
    default:
        Console.Error.WriteLine($"unknown first spawn: {what}");
        return 2;
}
Console.WriteLine(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
return 0;
