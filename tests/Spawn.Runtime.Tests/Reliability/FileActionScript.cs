using System.Globalization;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// A random file-action sequence and what the child must make of it, from a model of its
/// descriptor table: it starts as {0, 1, 2} (the first action is closefrom(3)); open of a missing
/// path is ENOENT, dup2 or fchdir of a descriptor that is not open is EBADF, fchdir of a file is
/// ENOTDIR, chdir to a missing folder ENOENT; closing what is not open is no error. The first
/// failing action ends the spawn, so the expected outcome names it by index.
/// </summary>
internal sealed class FileActionScript
{
    private const string Missing = "/nonexistent-spawn-reliability/missing";

    private FileActionScript(SpawnFileActions actions, string expected, string text)
    {
        Actions = actions;
        Expected = expected;
        Text = text;
    }

    public SpawnFileActions Actions { get; }

    /// <summary>"exit 0", or "SpawnException ERRNO action N".</summary>
    public string Expected { get; }

    /// <summary>The sequence, for a failure message.</summary>
    public string Text { get; }

    public static FileActionScript Generate(Random random, int highFd)
    {
        var actions = new SpawnFileActions().AddCloseFrom(3);
        var steps = new List<string> { "closefrom 3" };
        // Descriptor => true for a directory.
        var open = new Dictionary<int, bool> { [0] = false, [1] = false, [2] = false };
        string? expected = null;
        int count = random.Next(1, 12);
        for (int i = 0; i < count; i++)
        {
            int fd = Descriptor(random, highFd);
            int other = Descriptor(random, highFd);
            int index = actions.Count;
            string? failure = null;
            switch (random.Next(5))
            {
                case 0:
                    bool directory = random.Next(3) == 0;
                    string path = random.Next(4) == 0 ? Missing : directory ? "/" : "/dev/null";
                    actions.AddOpen(fd, path, directory ? OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY : OpenFlags.O_RDWR, 0);
                    steps.Add($"open {fd} {path}");
                    if (path == Missing)
                        failure = "ENOENT";
                    else
                        open[fd] = directory;
                    break;
                case 1:
                    actions.AddClose(fd);
                    steps.Add($"close {fd}");
                    open.Remove(fd);
                    break;
                case 2:
                    actions.AddDup2(fd, other);
                    steps.Add($"dup2 {fd} {other}");
                    if (!open.TryGetValue(fd, out bool isDirectory))
                        failure = "EBADF";
                    else
                        open[other] = isDirectory;
                    break;
                case 3:
                    actions.AddFchdir(fd);
                    steps.Add($"fchdir {fd}");
                    failure = !open.TryGetValue(fd, out bool folder) ? "EBADF" : folder ? null : "ENOTDIR";
                    break;
                default:
                    string target = random.Next(3) == 0 ? Missing : "/";
                    actions.AddChdir(target);
                    steps.Add($"chdir {target}");
                    failure = target == Missing ? "ENOENT" : null;
                    break;
            }

            if (failure is not null && expected is null)
                expected = $"SpawnException {failure} action {index.ToString(CultureInfo.InvariantCulture)}";
        }

        return new FileActionScript(actions, expected ?? "exit 0", string.Join("; ", steps));
    }

    // Mostly low numbers, so that actions meet each other's descriptors; now and then one near the limit.
    private static int Descriptor(Random random, int highFd) =>
        random.Next(8) == 0 ? highFd - random.Next(3) : random.Next(0, 8);
}
