using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// <c>[Timeout]</c>, <c>[StopSignal]</c> and <c>[KillOnParentExit]</c>: how a waiting spec stops its
/// child, and whether the spawn goes to the runtime's spawning thread.
/// </summary>
internal sealed partial class SpecParser
{
    private const int SignalTerminate = 15;
    private const int SignalKill = 9;
    private const int DefaultGraceMilliseconds = 5000;
    private const int Infinite = -1;

    private AttributeData? _timeout;
    private AttributeData? _stopSignal;
    private AttributeData? _killOnParentExit;

    // Read once every attribute is known: the policy depends on the return type, the process group and the cgroup.
    private void KeepStopAttribute(AttributeData attribute)
    {
        switch (attribute.AttributeClass!.Name)
        {
            case "TimeoutAttribute":
                _timeout = attribute;
                break;
            case "StopSignalAttribute":
                _stopSignal = attribute;
                break;
            default:
                _killOnParentExit = attribute;
                break;
        }
    }

    // PR_SET_PDEATHSIG first, as the runtime's jobs do: no earlier step can block the child while its parent dies unnoticed.
    private void InsertKillOnParentExit(ImmutableArray<FileActionModel>.Builder actions)
    {
        if (_killOnParentExit is not null)
        {
            actions.Insert(0, new FileActionModel(FileActionKind.ParentDeathSignal, -1, -1, null, null, SignalKill, 0) { AttributeText = AttributeText(_killOnParentExit) });
        }
    }

    private StopModel? ReadStop(SpecReturnKind? returnKind, SpawnAttributesModel attributes, CgroupModel? cgroup)
    {
        if (_timeout is null && _stopSignal is null)
        {
            return null;
        }

        int timeoutMilliseconds = Infinite;
        string? timeoutParameter = null;
        if (_timeout is not null)
        {
            AttributeArguments arguments = new(_timeout);
            if (arguments.Int(0) is { } milliseconds)
            {
                timeoutMilliseconds = CheckTime(milliseconds, _timeout, LocationOf(_timeout, 0));
            }
            else if (arguments.String(0) is not null)
            {
                timeoutParameter = ReadPlaceholder(_timeout, ParameterUsage.Timeout, "a timeout is milliseconds or one {parameter}");
            }
        }

        int signal = SignalTerminate;
        int grace = DefaultGraceMilliseconds;
        StopScopeModel scope = StopScopeModel.Job;
        if (_stopSignal is not null)
        {
            signal = new AttributeArguments(_stopSignal).Int(0) ?? SignalTerminate;
            if (signal is < 1 or > HighestSignal)
            {
                Report(SpecProblemKind.InvalidSignal, LocationOf(_stopSignal, 0), null, signal.ToString(CultureInfo.InvariantCulture));
            }

            foreach (KeyValuePair<string, TypedConstant> named in _stopSignal.NamedArguments)
            {
                if (named.Key == "GraceMilliseconds" && named.Value.Value is int milliseconds)
                {
                    grace = CheckTime(milliseconds, _stopSignal, LocationOf(_stopSignal));
                }
                else if (named.Key == "Scope" && named.Value.Value is int value)
                {
                    scope = (StopScopeModel)value;
                }
            }
        }

        // A timeout written wrong was reported already: it counts as given, so that no second error follows.
        bool hasTimeout = _timeout is not null && new AttributeArguments(_timeout).Int(0) != Infinite;
        CheckEnforced(returnKind, hasTimeout);
        scope = ResolveScope(scope, attributes, cgroup);
        ImmutableArray<string>.Builder texts = ImmutableArray.CreateBuilder<string>();
        foreach (AttributeData? attribute in new[] { _timeout, _stopSignal })
        {
            if (attribute is not null)
            {
                texts.Add(AttributeText(attribute));
            }
        }

        return new StopModel(timeoutMilliseconds, timeoutParameter, signal, grace, scope) { AttributeTexts = texts.ToEquatableArray() };
    }

    private int CheckTime(int milliseconds, AttributeData attribute, Location location)
    {
        if (milliseconds >= Infinite)
        {
            return milliseconds;
        }

        Report(SpecProblemKind.InvalidStopTime, location, null, milliseconds.ToString(CultureInfo.InvariantCulture), ShortName(attribute));
        return Infinite;
    }

    // Only a method that waits can stop its child, and something must end the wait: a timeout or a token.
    private void CheckEnforced(SpecReturnKind? returnKind, bool hasTimeout)
    {
        bool hasToken = _parameters.Values.Any(parameter => parameter.Kind == ParameterKind.CancellationToken);
        string? reason = returnKind switch
        {
            SpecReturnKind.PidFd => "it returns the running child without waiting for it",
            SpecReturnKind.Pid => "it returns the pid without waiting for the child",
            SpecReturnKind.ExitStatus or SpecReturnKind.CapturedOutput when !hasTimeout => "nothing triggers it: it has no [Timeout], and a synchronous spec takes no CancellationToken",
            SpecReturnKind.ExitStatusAsync or SpecReturnKind.CapturedOutputAsync when !hasTimeout && !hasToken => "nothing triggers it: it has no [Timeout] and no CancellationToken parameter",
            _ => null,
        };
        if (reason is not null)
        {
            AttributeData attribute = _timeout ?? _stopSignal!;
            Report(SpecProblemKind.StopNotEnforced, LocationOf(attribute), null, _method.Name, ShortName(attribute), reason);
        }
    }

    // [Timeout] for TimeoutAttribute, as diagnostics name attributes.
    private static string ShortName(AttributeData attribute) => "[" + attribute.AttributeClass!.Name.Replace("Attribute", string.Empty) + "]";

    // A [Pipe] spec neither stops its stages nor hands their spawns to the spawning thread yet: refused,
    // not ignored, so that no one believes a pipeline spec is bounded or dies with its parent.
    private void CheckNotOnPipeline(ImmutableArray<PipeStageModel> pipes)
    {
        if (pipes.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (AttributeData? attribute in new[] { _timeout, _stopSignal, _killOnParentExit })
        {
            if (attribute is not null)
            {
                Report(SpecProblemKind.StopNotEnforced, LocationOf(attribute), null, _method.Name, ShortName(attribute),
                       "a [Pipe] spec does not stop or hand over its stages; describe the pipeline as a Spawn.Commands.Pipeline for a timeout, a stop policy or kill on parent exit");
            }
        }
    }

    // StopScope.Job is the widest scope the child has: its cgroup, else a process group it leads, else itself.
    private StopScopeModel ResolveScope(StopScopeModel scope, SpawnAttributesModel attributes, CgroupModel? cgroup)
    {
        bool newSession = (attributes.Flags & SpawnFlagBits.SetSid) != 0;
        bool processGroup = (attributes.Flags & SpawnFlagBits.SetProcessGroup) != 0;
        bool leadsGroup = newSession || (processGroup && attributes.ProcessGroup == 0 && attributes.ProcessGroupParameter is null);
        switch (scope)
        {
            case StopScopeModel.Job:
                return cgroup is not null ? StopScopeModel.Cgroup : leadsGroup ? StopScopeModel.ProcessGroup : StopScopeModel.Process;
            case StopScopeModel.ProcessGroup when !newSession && !processGroup:
                Report(SpecProblemKind.ProcessGroupScopeWithoutGroup, LocationOf(_stopSignal!), null, _method.Name);
                return StopScopeModel.Process;
            case StopScopeModel.Cgroup when cgroup is null:
                Report(SpecProblemKind.CgroupScopeWithoutCgroup, LocationOf(_stopSignal!), null, _method.Name);
                return StopScopeModel.Process;
            default:
                return scope;
        }
    }
}
