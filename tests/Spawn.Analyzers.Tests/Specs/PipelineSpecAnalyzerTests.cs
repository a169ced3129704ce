using Xunit;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>Each rule of a [Pipe] pipeline, and the spec rules that read its stages, fire on a broken pipeline and stay quiet on the nearest correct one.</summary>
public sealed class PipelineSpecAnalyzerTests
{
    public static TheoryData<string, string> Firing() => new()
    {
        { "SPAWN0050 PidFd", """static partial class T { [SpawnSpec("yes")] [Pipe("head")] public static partial PidFd {|SPAWN0050:Run|}(); }""" },
        { "SPAWN0050 ValueTask", """static partial class T { [SpawnSpec("yes")] [Pipe("head")] public static partial ValueTask<ExitStatus> {|SPAWN0050:Run|}(); }""" },
        { "SPAWN0050 captured", """static partial class T { [SpawnSpec("yes")] [Pipe("head")] public static partial CapturedOutput {|SPAWN0050:Run|}(); }""" },
        { "SPAWN0050 PipelineStatus without a stage", """static partial class T { [SpawnSpec("true")] public static partial PipelineStatus {|SPAWN0050:Run|}(); }""" },
        { "SPAWN0051", """static partial class T { [SpawnSpec("cat")] [Pipe("a")] [Pipe("b")] [Pipe("c")] [Pipe("d")] [Pipe("e")] [Pipe("f")] [Pipe("g")] [Pipe("h")] public static partial PipelineStatus {|SPAWN0051:Run|}(); }""" },
        { "SPAWN0052 stdout file action", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0052:OpenFile(1, "/tmp/x", 1)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0052 stdin dup2", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0052:Dup2(5, 0)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0052 closed stdout", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0052:CloseFile(1)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0052 closefrom", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0052:CloseFrom(1)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0053 process group", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0053:ProcessGroup(0)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0053 session", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [{|SPAWN0053:NewSession|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0054 stderr file", """static partial class T { [SpawnSpec("make")] [Pipe("grep", "-v", "x")] [StandardError("/tmp/errors.log")] public static partial ExitStatus {|SPAWN0054:Run|}(); }""" },
        { "SPAWN0054 open", """static partial class T { [SpawnSpec("make")] [Pipe("cat")] [OpenFile(3, "/tmp/log", 0x241)] public static partial ExitStatus {|SPAWN0054:Run|}(); }""" },
        { "SPAWN0020 PipelineStatus", """static partial class T { [SpawnSpec("cat")] [Pipe("sort")] [StandardOutput(Redirect.Pipe)] public static partial PipelineStatus {|SPAWN0020:Run|}(out Stream stdout); }""" },
        { "SPAWN0020 ExitStatus", """static partial class T { [SpawnSpec("cat")] [Pipe("sort")] [StandardInput(Redirect.Pipe)] public static partial ExitStatus {|SPAWN0020:Run|}(out Stream stdin); }""" },
        { "SPAWN0004 in a stage", """static partial class T { [SpawnSpec("head", "-c", "{size}")] [Pipe("gzip", {|SPAWN0004:"-{levl}"|})] public static partial ExitStatus Run(int size, int {|SPAWN0005:level|}); }""" },
        { "SPAWN0006 in a stage", """static partial class T { [SpawnSpec("cat")] [Pipe("gzip", {|SPAWN0006:"{flag}"|})] public static partial ExitStatus Run(bool flag); }""" },
        { "SPAWN0008 in a stage", """static partial class T { [SpawnSpec("cat")] [{|SPAWN0008:Pipe()|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0010 in a stage", """static partial class T { [SpawnSpec("cat")] [Pipe({|SPAWN0010:"bin/tool"|})] public static partial ExitStatus Run(); }""" },
        { "SPAWN0014 in a stage", """static partial class T { [SpawnSpec("cat")] [Pipe("sh", "-c", {|SPAWN0014:"grep {word}"|})] public static partial ExitStatus Run(string word); }""" },
        { "SPAWN0016 in a stage", """static partial class T { [SpawnSpec("cat")] [Pipe("grep", {|SPAWN0016:"{open"|})] public static partial ExitStatus Run(); }""" },
    };

    public static TheoryData<string, string> Quiet() => new()
    {
        { "SPAWN0050", """static partial class T { [SpawnSpec("yes")] [Pipe("head")] public static partial ExitStatus Run(); [SpawnSpec("yes")] [Pipe("head")] public static partial PipelineStatus Run2(); }""" },
        { "SPAWN0051", """static partial class T { [SpawnSpec("cat")] [Pipe("a")] [Pipe("b")] [Pipe("c")] [Pipe("d")] [Pipe("e")] [Pipe("f")] [Pipe("g")] public static partial PipelineStatus Run(); [SpawnSpec("cat")] [Pipe("a")] [Pipe("b")] [Pipe("c")] [Pipe("d")] [Pipe("e")] [Pipe("f")] [Pipe("g")] [Pipe("h")] public static partial ExitStatus Run2(); }""" },
        { "SPAWN0052", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [StandardInput("/tmp/in")] [StandardOutput("/tmp/out")] [Dup2(1, 3)] [OpenFile(4, "/tmp/x", 0)] [CloseFrom(5)] [TcSetPgrp(0)] public static partial ExitStatus Run(); }""" },
        { "SPAWN0053", """static partial class T { [SpawnSpec("sort")] [Pipe("uniq")] [DefaultSignals(15)] [SignalMask(10)] public static partial ExitStatus Run(); [SpawnSpec("sort")] [ProcessGroup(0)] [NewSession] public static partial ExitStatus Run2(); }""" },
        { "SPAWN0054", """static partial class T { [SpawnSpec("make")] [Pipe("grep", "-v", "x")] [StandardError("{errors}")] [StandardOutput("/tmp/out")] public static partial ExitStatus Run(Microsoft.Win32.SafeHandles.SafeFileHandle errors); [SpawnSpec("make")] [StandardError("/tmp/errors.log")] public static partial ExitStatus Run2(); }""" },
        { "SPAWN0004 and SPAWN0005 in a stage", """static partial class T { [SpawnSpec("head", "-c", "{size}", "/dev/zero")] [Pipe("gzip", "-{level}", "{?keep}-k", "{rest...}", SearchPath = true)] [Pipe("/usr/bin/wc", "-c", SearchPath = false)] [Cgroup("/sys/fs/cgroup/jobs")] [SetEnvironment("A", "{note}")] public static partial ExitStatus Run(long size, int level, bool keep, string[] rest, string note); }""" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public Task Rule_fires_on_a_broken_pipeline(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public Task Rule_stays_quiet_on_a_correct_pipeline(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }
}
