using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// The child steps beyond glibc's file actions (namespaces, credentials, limits): file actions of
/// the C core too, kept in the same declaration-ordered list so that the user decides the order.
/// </summary>
internal sealed partial class SpecParser
{
    private FileActionModel? ReadChildStep(AttributeData attribute, AttributeArguments arguments)
    {
        switch (attribute.AttributeClass!.Name)
        {
            case "SetNsAttribute" when arguments.Int(1) is { } nsType:
                return ReadSource(attribute, arguments) is { } space
                    ? new FileActionModel(FileActionKind.SetNs, space.Fd, -1, space.Parameter, null, nsType, 0)
                    : null;
            case "UnshareAttribute" when arguments.Int(0) is { } flags:
                return new FileActionModel(FileActionKind.Unshare, -1, -1, null, null, flags, 0);
            case "SetGroupsAttribute" when attribute.ConstructorArguments is [{ Kind: TypedConstantKind.Array } groups]:
                // A null array, like an empty one, drops every supplementary group.
                EquatableArray<ulong> ids = groups.IsNull
                    ? EquatableArray<ulong>.Empty
                    : groups.Values.Select(group => group.Value).OfType<uint>().Select(id => (ulong)id).ToEquatableArray();
                return new FileActionModel(FileActionKind.SetGroups, -1, -1, null, null, ids.Count, 0, ids);
            case "SetGidAttribute":
                return ReadId(attribute, FileActionKind.SetGid);
            case "SetUidAttribute":
                return ReadId(attribute, FileActionKind.SetUid);
            case "ChrootAttribute" when arguments.String(0) is { } path:
                return ReadTemplate(path, ParameterUsage.Text, LocationOf(attribute, 0), allowSplat: false, allowCondition: false) is { } root
                    ? new FileActionModel(FileActionKind.Chroot, -1, -1, null, root, 0, 0)
                    : null;
            case "ParentDeathSignalAttribute" when arguments.Int(0) is { } signal:
                if (signal is < 1 or > HighestSignal)
                {
                    Report(SpecProblemKind.InvalidSignal, LocationOf(attribute, 0), null, signal.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return null;
                }

                return new FileActionModel(FileActionKind.ParentDeathSignal, -1, -1, null, null, signal, 0);
            case "NoNewPrivilegesAttribute":
                return new FileActionModel(FileActionKind.NoNewPrivileges, -1, -1, null, null, 0, 0);
            case "ResourceLimitAttribute" when attribute.ConstructorArguments is [{ Value: int resource }, { Value: ulong soft }, { Value: ulong hard }]:
                return new FileActionModel(FileActionKind.ResourceLimit, -1, -1, null, null, resource, 0, new[] { soft, hard }.ToEquatableArray());
            // UnixFileMode arrives as its underlying int.
            case "UmaskAttribute" when attribute.ConstructorArguments is [{ Value: int mask }]:
                // umask(2) keeps the permission bits only.
                return new FileActionModel(FileActionKind.Umask, -1, -1, null, null, 0, (int)(mask & 0x1ff));
            default:
                return null;
        }
    }

    // A constant uid / gid (kept in Mode's bits), or one {parameter} of type uint.
    private FileActionModel? ReadId(AttributeData attribute, FileActionKind kind)
    {
        if (attribute.ConstructorArguments is [{ Value: uint id }])
        {
            return new FileActionModel(kind, -1, -1, null, null, 0, unchecked((int)id));
        }

        return ReadPlaceholder(attribute, ParameterUsage.Id, "an id is a number or one {parameter}") is { } name
            ? new FileActionModel(kind, -1, -1, name, null, 0, 0)
            : null;
    }
}
