using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>The posix_spawnattr_t attributes and the cgroup.</summary>
internal sealed partial class SpecParser
{
    private const int HighestSignal = 64;

    private SpawnAttributesModel ReadSpawnAttribute(AttributeData attribute, SpawnAttributesModel attributes)
    {
        AttributeArguments arguments = new(attribute);
        switch (attribute.AttributeClass!.Name)
        {
            case "NewSessionAttribute":
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetSid };
            case "ResetIdsAttribute":
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.ResetIds };
            case "ProcessGroupAttribute" when arguments.Int(0) is { } group:
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetProcessGroup, ProcessGroup = group };
            case "ProcessGroupAttribute" when arguments.String(0) is not null:
                return ReadPlaceholder(attribute, ParameterUsage.ProcessGroup, "a process group is a number or one {parameter}") is { } name
                    ? attributes with { Flags = attributes.Flags | SpawnFlagBits.SetProcessGroup, ProcessGroupParameter = name }
                    : attributes;
            case "SignalMaskAttribute":
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetSignalMask, SignalMask = SignalBits(attribute) };
            case "DefaultSignalsAttribute":
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetSignalDefault, SignalDefault = SignalBits(attribute) };
            case "SchedulerAttribute" when arguments.Int(1) is { } priority && arguments.Int(0) is { } policy:
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetScheduler, SchedulerPolicy = policy, SchedulerPriority = priority };
            case "SchedulerAttribute" when arguments.Int(0) is { } priority:
                return attributes with { Flags = attributes.Flags | SpawnFlagBits.SetSchedulerParameter, SchedulerPriority = priority };
            default:
                return attributes;
        }
    }

    // Bit (n - 1) stands for signal n, as in the kernel's sigset_t.
    private ulong SignalBits(AttributeData attribute)
    {
        ulong bits = 0;
        if (attribute.ConstructorArguments is not [{ Kind: TypedConstantKind.Array, IsNull: false } array])
        {
            return bits;
        }

        foreach (TypedConstant signal in array.Values)
        {
            if (signal.Value is int number and >= 1 and <= HighestSignal)
            {
                bits |= 1UL << (number - 1);
            }
            else
            {
                Report(SpecProblemKind.InvalidSignal, LocationOf(attribute), null, signal.Value?.ToString() ?? "null");
            }
        }

        return bits;
    }

    private CgroupModel? ReadCgroup(AttributeData attribute)
    {
        Location location = LocationOf(attribute, 0);
        if (attribute.ConstructorArguments is not [{ Value: string text }])
        {
            return null;
        }

        TemplateModel? template = TemplateParser.Parse(text, false, false, out string? error);
        switch (template)
        {
            case { Segments: [{ IsParameter: true, Text: var name }] }:
                return Use(name, ParameterUsage.Cgroup, location) is null ? null : new CgroupModel(null, name);
            case { IsConstant: true } when text.StartsWith("/", StringComparison.Ordinal):
                return new CgroupModel(template.ConstantText, null);
            case { IsConstant: true }:
                Report(SpecProblemKind.RelativeCgroupPath, location, null, text);
                return null;
            default:
                Report(SpecProblemKind.MalformedTemplate, location, null, text, error ?? "a cgroup is an absolute path or one {parameter}");
                return null;
        }
    }
}
