using System.Reflection;
using System.Runtime.InteropServices;
using Spawn.Forking;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Runtime.Tests.LowLevel;

/// <summary>
/// Every struct C# and the C core share has the same size and field offsets on both sides: the C
/// side checks its own with <c>_Static_assert</c> (runtime/native/struct_layouts.c), and this test
/// compares the C# mirror with what the library reports, so a field moved on one side only fails
/// here instead of corrupting a child.
/// </summary>
public sealed class StructLayoutTests
{
    public static TheoryData<string> SharedStructs => new(s_shared.Keys);

    /// <summary>Each shared struct by its C name: the C# mirror, and the C field each C# field mirrors
    /// (every C# field, the private padding too, so that a field added on one side only fails).</summary>
    private static readonly Dictionary<string, (Type Type, Dictionary<string, string> Fields)> s_shared = new()
    {
        ["spawn_request"] = (typeof(NativeSpawnRequest), Fields(
            ("Path", "path"), ("Argv", "argv"), ("Envp", "envp"), ("Actions", "actions"),
            ("Attributes", "attributes"), ("SearchPath", "search_path"), ("ActionCount", "action_count"),
            ("Options", "options"))),
        ["spawn_file_action"] = (typeof(NativeFileAction), Fields(
            ("Kind", "kind"), ("Fd", "fd"), ("SourceFd", "dup2.source_fd"), ("OpenFlags", "open.flags"),
            ("Mode", "open.mode"), ("_reserved", "open.reserved"), ("Path", "open.path"))),
        ["spawn_attributes"] = (typeof(NativeSpawnAttributes), Fields(
            ("Flags", "flags"), ("ProcessGroup", "pgroup"), ("SignalDefault", "sigdefault"),
            ("SignalMask", "sigmask"), ("SchedulerPolicy", "sched_policy"),
            ("SchedulerPriority", "sched_priority"), ("CgroupFd", "cgroup_fd"), ("_reserved", "reserved"))),
        ["spawn_result"] = (typeof(NativeSpawnResult), Fields(
            ("Pid", "pid"), ("PidFd", "pidfd"), ("Error", "error"), ("Stage", "stage"),
            ("ActionIndex", "action_index"), ("Detail", "detail"))),
        ["fork_np_args"] = (typeof(ForkNpArgs), Fields(
            ("Flags", "flags"), ("CgroupFd", "cgroup"), ("ExitSignal", "exit_signal"), ("PidFd", "pidfd"))),
        ["fork_core_options"] = (typeof(NativeFork.Options), Fields(
            ("AckTimeoutMilliseconds", "ack_timeout_ms"), ("MaxAttempts", "max_attempts"),
            ("KeepExecFd", "keep_exec_fd"), ("Reserved", "reserved"))),
        ["fork_core_result"] = (typeof(NativeFork.Result), Fields(
            ("Pid", "pid"), ("Error", "error"), ("Stage", "stage"), ("Attempts", "attempts"),
            ("AckFd", "ack_fd"), ("ExecFd", "exec_fd"), ("Remapped", "remapped"), ("Hung", "hung"),
            ("WatchPidFd", "watch_pidfd"), ("Suspended", "suspended"))),
    };

    [Theory]
    [MemberData(nameof(SharedStructs))]
    public void The_CSharp_mirror_has_the_C_size_and_field_offsets(string cName)
    {
        (Type type, Dictionary<string, string> fields) = s_shared[cName];

        int nativeOffset = NativeSpawn.StructLayout(cName, null, out int nativeSize);
        Assert.True(nativeOffset == 0, $"the C core does not list struct {cName}");
        Assert.Equal((cName, nativeSize), (cName, Marshal.SizeOf(type)));

        FieldInfo[] managedFields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.Equal(fields.Keys.Order(), managedFields.Select(field => field.Name).Order());
        foreach (FieldInfo field in managedFields)
        {
            string cField = fields[field.Name];
            int offset = NativeSpawn.StructLayout(cName, cField, out int size);
            Assert.True(offset >= 0, $"the C core does not list {cName}.{cField}");
            Assert.Equal(
                $"{cName}.{cField}: offset {offset}, {size} bytes",
                $"{cName}.{cField}: offset {Marshal.OffsetOf(type, field.Name)}, {FieldSize(field.FieldType)} bytes");
        }
    }

    /// <summary>The file action's other views: the generator writes a uid into <c>Mode</c>, a signal
    /// into <c>OpenFlags</c>, the rlimits into <c>Path</c>; each C view must read it from there.</summary>
    [Theory]
    [InlineData("credential.id", nameof(NativeFileAction.Mode))]
    [InlineData("umask.mask", nameof(NativeFileAction.Mode))]
    [InlineData("setns.nstype", nameof(NativeFileAction.OpenFlags))]
    [InlineData("unshare.flags", nameof(NativeFileAction.OpenFlags))]
    [InlineData("setgroups.count", nameof(NativeFileAction.OpenFlags))]
    [InlineData("pdeathsig.signal", nameof(NativeFileAction.OpenFlags))]
    [InlineData("setrlimit.resource", nameof(NativeFileAction.OpenFlags))]
    [InlineData("folder.path", nameof(NativeFileAction.Path))]
    [InlineData("setgroups.gids", nameof(NativeFileAction.Path))]
    [InlineData("setrlimit.limits", nameof(NativeFileAction.Path))]
    public void Each_file_action_view_reads_the_field_the_CSharp_side_writes(string cField, string managedField)
    {
        int offset = NativeSpawn.StructLayout("spawn_file_action", cField, out int size);

        Assert.True(offset >= 0, $"the C core does not list spawn_file_action.{cField}");
        Assert.Equal(offset, (int)Marshal.OffsetOf<NativeFileAction>(managedField));
        Assert.Equal(size, FieldSize(typeof(NativeFileAction).GetField(managedField)!.FieldType));
    }

    [Fact]
    public void An_unknown_name_is_reported_as_such()
    {
        Assert.Equal(-1, NativeSpawn.StructLayout("spawn_request", "no_such_field", out int size));
        Assert.Equal(-1, size);
    }

    private static Dictionary<string, string> Fields(params (string Managed, string Native)[] pairs) =>
        pairs.ToDictionary(pair => pair.Managed, pair => pair.Native);

    private static int FieldSize(Type type) =>
        type.IsPointer ? IntPtr.Size
        : type.IsEnum ? Marshal.SizeOf(Enum.GetUnderlyingType(type))
        : Marshal.SizeOf(type);
}
