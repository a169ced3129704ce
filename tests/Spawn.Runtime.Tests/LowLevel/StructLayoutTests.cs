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
            ("Kind", "kind"), ("Fd", "fd"), ("_sourceFd", "dup2.source_fd"), ("_argument", "open.flags"),
            ("_unsignedArgument", "open.mode"), ("_reserved", "open.reserved"), ("_data", "open.path"))),
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
            ("KeepExecFd", "keep_exec_fd"), ("DeadlineMilliseconds", "deadline_ms"))),
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

    public static TheoryData<string> FileActionViews => new(s_views.Keys);

    /// <summary>Each C view of <c>spawn_file_action</c> with the factory that fills it, called with a
    /// value no other place holds.</summary>
    private static readonly unsafe Dictionary<string, (ulong Value, Func<NativeFileAction> Build)> s_views = new()
    {
        ["fd by Close"] = (0x33, () => NativeFileAction.Close(0x33)),
        ["open.flags by Open"] = (0x241, () => NativeFileAction.Open(1, null, 0x241, 0)),
        ["open.mode by Open"] = (0x1A4, () => NativeFileAction.Open(1, null, 0, 0x1A4)),
        ["open.path by Open"] = (0x5A5A_0001, () => NativeFileAction.Open(1, (byte*)0x5A5A_0001, 0, 0)),
        ["dup2.source_fd by Dup2"] = (0x2A, () => NativeFileAction.Dup2(sourceFd: 0x2A, fd: 1)),
        ["folder.path by Chdir"] = (0x5A5A_0002, () => NativeFileAction.Chdir((byte*)0x5A5A_0002)),
        ["folder.path by Chroot"] = (0x5A5A_0003, () => NativeFileAction.Chroot((byte*)0x5A5A_0003)),
        ["setns.nstype by SetNs"] = (0x4000_0000, () => NativeFileAction.SetNs(3, 0x4000_0000)),
        ["unshare.flags by Unshare"] = (0x2_0000, () => NativeFileAction.Unshare(0x2_0000)),
        ["setgroups.count by SetGroups"] = (3, () => NativeFileAction.SetGroups(3, null)),
        ["setgroups.gids by SetGroups"] = (0x5A5A_0004, () => NativeFileAction.SetGroups(1, (uint*)0x5A5A_0004)),
        ["credential.id by SetUid"] = (0xFFFF_FFFE, () => NativeFileAction.SetUid(0xFFFF_FFFE)),
        ["credential.id by SetGid"] = (0xFFFF_FFFD, () => NativeFileAction.SetGid(0xFFFF_FFFD)),
        ["pdeathsig.signal by ParentDeathSignal"] = (15, () => NativeFileAction.ParentDeathSignal(15)),
        ["setrlimit.resource by ResourceLimit"] = (7, () => NativeFileAction.ResourceLimit(7, null)),
        ["setrlimit.limits by ResourceLimit"] = (0x5A5A_0005, () => NativeFileAction.ResourceLimit(7, (ulong*)0x5A5A_0005)),
        ["umask.mask by Umask"] = (0x17, () => NativeFileAction.Umask(0x17)),
        ["terminal.descriptors by ControllingTerminal"] = (0b101, () => NativeFileAction.ControllingTerminal(3, 0b101)),
        ["fd by Landlock"] = (0x35, () => NativeFileAction.Landlock(0x35, 0)),
        ["landlock.flags by Landlock"] = (0x6, () => NativeFileAction.Landlock(3, 0x6)),
        ["seccomp.count by Seccomp"] = (0x1F, () => NativeFileAction.Seccomp(0x1F, 0, null)),
        ["seccomp.flags by Seccomp"] = (0x8, () => NativeFileAction.Seccomp(1, 0x8, null)),
        ["seccomp.instructions by Seccomp"] = (0x5A5A_0006, () => NativeFileAction.Seccomp(1, 0, (byte*)0x5A5A_0006)),
        ["capabilities.sets by Capabilities"] = (0x5A5A_0007, () => NativeFileAction.Capabilities((ulong*)0x5A5A_0007)),
    };

    /// <summary>The file action's views: what the C# factory of a kind writes is found where the C
    /// view of that kind reads it (a uid where setresuid reads it, a signal where prctl does).</summary>
    [Theory]
    [MemberData(nameof(FileActionViews))]
    public void Each_file_action_view_reads_what_its_factory_writes(string view)
    {
        (ulong value, Func<NativeFileAction> build) = s_views[view];
        string cField = view[..view.IndexOf(' ', StringComparison.Ordinal)];
        int offset = NativeSpawn.StructLayout("spawn_file_action", cField, out int size);
        Assert.True(offset >= 0, $"the C core does not list spawn_file_action.{cField}");

        NativeFileAction action = build();
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<NativeFileAction>(in action)).Slice(offset, size);
        ulong read = size == sizeof(ulong) ? MemoryMarshal.Read<ulong>(bytes) : MemoryMarshal.Read<uint>(bytes);

        Assert.Equal($"{view}: 0x{value:X}", $"{view}: 0x{read:X}");
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
