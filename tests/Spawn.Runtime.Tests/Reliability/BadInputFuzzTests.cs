using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Bad input, fuzzed with a fixed seed: every case is a random input and the outcome its documented
/// error gives (ArgumentException naming the parameter, SpawnException with E2BIG, EBADF, ENOENT,
/// ENOTDIR and the failing action's index, ObjectDisposedException), or a clean exit when the input
/// is odd but valid (empty strings, lone UTF-16 surrogates, which UTF-8 encoding turns into U+FFFD).
/// The base class checks that no descriptor and no child is left once all have run.
/// </summary>
public sealed class BadInputFuzzTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const int Seed = 20261128;
    private const int Cases = 3000;
    private const string Ok = "exit 0";

    private readonly Random _random = new(Seed);
    private readonly int _highFd = (int)Math.Min(RLimitNoFile() - 1, int.MaxValue);

    [Fact]
    public void Every_random_bad_input_gets_its_documented_error()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            (string kind, string expected, Func<string> run, string input) = NextCase();
            string observed = Observe(run);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if (observed != expected)
                mismatches.Add($"case {i} ({kind}: {input}): expected {expected}, got {observed}");
        }

        output.WriteLine($"{Cases} cases, seed {Seed}: " + string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}")));
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
    }

    private (string Kind, string Expected, Func<string> Run, string Input) NextCase()
    {
        int roll = _random.Next(1000);
        return roll switch
        {
            < 150 => NulCase(),
            < 200 => NullEntryCase(),
            < 220 => ("empty argv", "ArgumentException argv", () => Spawn(ProbeProgram.Path, [], null), "[]"),
            < 400 => OddTextCase(),
            < 430 => MissingProgramCase(),
            < 436 => OversizedCase(),
            < 700 => FileActionCase(),
            < 760 => OutOfRangeDescriptorCase(),
            < 860 => CgroupCase(),
            _ => DisposedCase(),
        };
    }

    private (string, string, Func<string>, string) NulCase()
    {
        string bad = Insert(RandomText(), '\0');
        return _random.Next(3) switch
        {
            0 => ("NUL", "ArgumentException argv", () => Spawn(ProbeProgram.Path, Argv(bad), null), bad),
            1 => ("NUL", "ArgumentException envp", () => Spawn(ProbeProgram.Path, Argv(), ["A=" + bad]), bad),
            _ => ("NUL", "ArgumentException path", () => Spawn(ProbeProgram.Path + bad, Argv(), null), bad),
        };
    }

    private (string, string, Func<string>, string) NullEntryCase() =>
        _random.Next(2) == 0
            ? ("null entry", "ArgumentException argv", () => Spawn(ProbeProgram.Path, Argv([null!]), null), "argv")
            : ("null entry", "ArgumentException envp", () => Spawn(ProbeProgram.Path, Argv(), ["A=1", null!]), "envp");

    // The probe exits at "exit 0" before it looks at the odd arguments after it.
    private (string, string, Func<string>, string) OddTextCase()
    {
        string text = _random.Next(4) == 0 ? "" : Insert(RandomText(), _random.Next(2) == 0 ? '\uD800' : '\uDFFF');
        return ("odd text", Ok, () => Spawn(ProbeProgram.Path, Argv(text, ""), ["EMPTY=", "ODD=" + text, ""]), Escape(text));
    }

    private (string, string, Func<string>, string) MissingProgramCase()
    {
        string path = _random.Next(3) == 0 ? "" : "/nonexistent-spawn-reliability/" + RandomText();
        return ("missing program", "SpawnException ENOENT", () => Spawn(path, Argv(), null), Escape(path));
    }

    // exec refuses one string over MAX_ARG_STRLEN (32 pages) and a total over ARG_MAX (a quarter of
    // the stack limit, at most 6 MiB): 1 MiB in one argument, or 100,000 arguments of 80 bytes.
    private (string, string, Func<string>, string) OversizedCase()
    {
        string[] argv = _random.Next(2) == 0
            ? Argv(new string('x', 1 << 20))
            : Argv([.. Enumerable.Repeat(new string('y', 80), 100_000)]);
        return ("oversized", "SpawnException E2BIG", () => Spawn(ProbeProgram.Path, argv, null), $"{argv.Length} arguments");
    }

    private (string, string, Func<string>, string) FileActionCase()
    {
        FileActionScript script = FileActionScript.Generate(_random, _highFd);
        return ("file actions", script.Expected, () => Spawn(ProbeProgram.Path, Argv(), null, script.Actions), script.Text);
    }

    private (string, string, Func<string>, string) OutOfRangeDescriptorCase()
    {
        int fd = _random.Next(2) == 0 ? -_random.Next(1, int.MaxValue) : _highFd + 1 + _random.Next(0, 1000);
        var actions = new SpawnFileActions().AddClose(3);
        Action<SpawnFileActions>[] adders =
        [
            a => a.AddOpen(fd, "/dev/null", OpenFlags.O_RDONLY, 0), a => a.AddClose(fd), a => a.AddDup2(0, fd),
            a => a.AddDup2(fd, 0), a => a.AddFchdir(fd), a => a.AddCloseFrom(fd), a => a.AddTcSetPgrp(fd),
        ];
        Action<SpawnFileActions> add = adders[_random.Next(adders.Length)];
        return ("descriptor out of range", "SpawnException EBADF action 1", () =>
        {
            add(actions);
            return "added";
        }, fd.ToString(CultureInfo.InvariantCulture));
    }

    private (string, string, Func<string>, string) CgroupCase()
    {
        switch (_random.Next(5))
        {
            case 0:
                string missing = "/sys/fs/cgroup/nonexistent-spawn-reliability/" + RandomAscii();
                return ("cgroup", "SpawnException ENOENT", () => SpawnIntoCgroupPath(missing), missing);
            case 1:
                return ("cgroup", "SpawnException ENOTDIR", () => SpawnIntoCgroupPath("/dev/null"), "/dev/null");
            case 2:
                return ("cgroup", "SpawnException EBADF", () => SpawnIntoCgroupOf("/tmp", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY), "a folder that is no cgroup");
            case 3:
                return ("cgroup", "SpawnException EBADF", () => SpawnIntoCgroupOf("/dev/null", OpenFlags.O_RDONLY), "a file");
            default:
                return ("cgroup", "ArgumentException path", () => { using Cgroup cgroup = Cgroup.Open("relative/" + RandomAscii()); return "opened"; }, "relative");
        }
    }

    private (string, string, Func<string>, string) DisposedCase()
    {
        switch (_random.Next(6))
        {
            case 0:
                return ("disposed", "ObjectDisposedException", () => { PidFd pidfd = Reaped(); pidfd.SendSignal(0); return "sent"; }, "signal");
            case 1:
                return ("disposed", "SpawnException EBADF", () => { PidFd pidfd = Reaped(); pidfd.GetPid(); return "got"; }, "getpid");
            case 2:
                // A reaped child's status is kept: waiting after dispose still answers it.
                return ("disposed", Ok, () => Describe(Reaped().WaitForExit()), "wait after reap");
            case 3:
                return ("disposed", "ObjectDisposedException", () =>
                {
                    PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, Argv(), null);
                    pidfd.Dispose();
                    return Describe(pidfd.WaitForExit());
                }, "wait before reap");
            case 4:
                return ("disposed", Ok, () =>
                {
                    PidFd pidfd = Reaped();
                    pidfd.Dispose();
                    return Ok;
                }, "double dispose");
            default:
                return ("disposed", "ObjectDisposedException", () =>
                {
                    var attributes = new SpawnAttributes();
                    attributes.Dispose();
                    attributes.SetCgroupPath("/");
                    return "set";
                }, "attributes");
        }
    }

    /// <summary>A child spawned, waited for and disposed.</summary>
    private static PidFd Reaped()
    {
        PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, Argv(), null);
        pidfd.WaitForExit();
        pidfd.Dispose();
        return pidfd;
    }

    private static string SpawnIntoCgroupPath(string path)
    {
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(path);
        return Spawn(ProbeProgram.Path, Argv(), null, null, attributes);
    }

    private static string SpawnIntoCgroupOf(string path, int flags)
    {
        using SafeFileHandle handle = LibC.OpenOwned(path, flags | OpenFlags.O_CLOEXEC);
        using var attributes = new SpawnAttributes { Cgroup = handle };
        return Spawn(ProbeProgram.Path, Argv(), null, null, attributes);
    }

    private static string Spawn(string path, string[] argv, string[]? envp, SpawnFileActions? actions = null, SpawnAttributes? attributes = null)
    {
        using PidFd pidfd = Spawner.PidFdSpawn(path, actions, attributes, argv, envp);
        return Describe(pidfd.WaitForExit());
    }

    private static string Describe(ExitStatus status) => status.Exited ? $"exit {status.ExitCode.Text()}" : status.ToString();

    private static string Observe(Func<string> run)
    {
        try
        {
            return run();
        }
        catch (SpawnException exception)
        {
            return exception.Stage == SpawnStage.FileAction
                ? $"SpawnException {exception.Errno.Name} action {exception.ActionIndex.Text()}"
                : $"SpawnException {exception.Errno.Name}";
        }
        catch (ArgumentException exception)
        {
            return $"ArgumentException {exception.ParamName}";
        }
        catch (ObjectDisposedException)
        {
            return "ObjectDisposedException";
        }
    }

    private static string[] Argv(params string[] extra) => ProbeProgram.Argv(["exit", "0", .. extra]);

    private string RandomText()
    {
        var text = new StringBuilder();
        int length = _random.Next(0, 24);
        for (int i = 0; i < length; i++)
            text.Append((char)(_random.Next(3) == 0 ? _random.Next(0x80, 0xD7FF) : _random.Next(0x20, 0x7F)));
        return text.ToString();
    }

    private string RandomAscii() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)_random.Next('a', 'z' + 1)));

    private string Insert(string text, char character) => text.Insert(_random.Next(text.Length + 1), character.ToString());

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsSurrogate(c) || c < 0x20 ? $"\\u{(int)c:X4}" : c.ToString()));

    private static unsafe ulong RLimitNoFile()
    {
        LibC.RLimit limit;
        LibC.Check(LibC.GetRLimit(LibC.RLIMIT_NOFILE, &limit), "getrlimit");
        return limit.Current;
    }
}
