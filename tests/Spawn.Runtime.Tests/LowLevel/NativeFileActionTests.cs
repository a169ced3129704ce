using Spawn.Interop;

namespace Spawn.Runtime.Tests.LowLevel;

/// <summary>
/// Each factory of <see cref="NativeFileAction"/> writes its arguments where the C union's view of
/// that kind reads them (<c>spawn_file_action</c> of <c>spawn_core.h</c>: kind at 0, fd at 4,
/// dup2's source at 8, the 32-bit argument at 12, the unsigned one at 16, the pointer at 24), and
/// nothing else: a factory that wrote a uid beside the place setresuid reads would give the
/// child another user.
/// </summary>
public sealed unsafe class NativeFileActionTests
{
    private static readonly byte* Text = (byte*)0x1000;
    private static readonly uint* Groups = (uint*)0x2000;
    private static readonly ulong* Limits = (ulong*)0x3000;

    [Fact]
    public void The_record_is_the_32_bytes_of_the_C_struct() => Assert.Equal(32, sizeof(NativeFileAction));

    [Fact]
    public void Each_factory_fills_the_places_of_its_kind_only()
    {
        Assert.Equal(new Raw(1, 3, 0, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0b110_100_100, 0, (nint)Text),
                     Raw.Of(NativeFileAction.Open(3, Text, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0b110_100_100)));
        Assert.Equal(new Raw(2, 7, 0, 0, 0, 0, 0), Raw.Of(NativeFileAction.Close(7)));
        Assert.Equal(new Raw(3, 1, 5, 0, 0, 0, 0), Raw.Of(NativeFileAction.Dup2(sourceFd: 5, fd: 1)));
        Assert.Equal(new Raw(4, 0, 0, 0, 0, 0, (nint)Text), Raw.Of(NativeFileAction.Chdir(Text)));
        Assert.Equal(new Raw(5, 9, 0, 0, 0, 0, 0), Raw.Of(NativeFileAction.Fchdir(9)));
        Assert.Equal(new Raw(6, 10, 0, 0, 0, 0, 0), Raw.Of(NativeFileAction.CloseFrom(10)));
        Assert.Equal(new Raw(7, 2, 0, 0, 0, 0, 0), Raw.Of(NativeFileAction.TcSetPgrp(2)));
        Assert.Equal(new Raw(8, 4, 0, Namespaces.CLONE_NEWNET, 0, 0, 0), Raw.Of(NativeFileAction.SetNs(4, Namespaces.CLONE_NEWNET)));
        Assert.Equal(new Raw(9, 0, 0, Namespaces.CLONE_NEWNS, 0, 0, 0), Raw.Of(NativeFileAction.Unshare(Namespaces.CLONE_NEWNS)));
        Assert.Equal(new Raw(10, 0, 0, 2, 0, 0, (nint)Groups), Raw.Of(NativeFileAction.SetGroups(2, Groups)));
        Assert.Equal(new Raw(11, 0, 0, 0, 65534, 0, 0), Raw.Of(NativeFileAction.SetGid(65534)));
        Assert.Equal(new Raw(12, 0, 0, 0, 0xFFFF_FFFE, 0, 0), Raw.Of(NativeFileAction.SetUid(0xFFFF_FFFE)));
        Assert.Equal(new Raw(13, 0, 0, 0, 0, 0, (nint)Text), Raw.Of(NativeFileAction.Chroot(Text)));
        Assert.Equal(new Raw(14, 0, 0, Signals.SIGTERM, 0, 0, 0), Raw.Of(NativeFileAction.ParentDeathSignal(Signals.SIGTERM)));
        Assert.Equal(new Raw(15, 0, 0, 0, 0, 0, 0), Raw.Of(NativeFileAction.NoNewPrivileges()));
        Assert.Equal(new Raw(16, 0, 0, 7, 0, 0, (nint)Limits), Raw.Of(NativeFileAction.ResourceLimit(7, Limits)));
        Assert.Equal(new Raw(17, 0, 0, 0, 0b000_010_111, 0, 0), Raw.Of(NativeFileAction.Umask(0b000_010_111)));
    }

    [Fact]
    public void Path_is_text_only_for_the_kinds_that_take_a_path()
    {
        Assert.Equal((nint)Text, (nint)NativeFileAction.Open(0, Text, OpenFlags.O_RDONLY, 0).Path);
        Assert.Equal((nint)Text, (nint)NativeFileAction.Chdir(Text).Path);
        Assert.Equal((nint)Text, (nint)NativeFileAction.Chroot(Text).Path);
        Assert.Equal(0, (nint)NativeFileAction.SetGroups(1, Groups).Path);
        Assert.Equal(0, (nint)NativeFileAction.ResourceLimit(7, Limits).Path);
    }

    // The record read back place by place, as the C core reads it.
    private readonly record struct Raw(int Kind, int Fd, int At8, int At12, uint At16, int At20, nint At24)
    {
        public static Raw Of(NativeFileAction action)
        {
            byte* bytes = (byte*)&action;
            return new Raw(*(int*)bytes, *(int*)(bytes + 4), *(int*)(bytes + 8), *(int*)(bytes + 12),
                           *(uint*)(bytes + 16), *(int*)(bytes + 20), *(nint*)(bytes + 24));
        }
    }
}
