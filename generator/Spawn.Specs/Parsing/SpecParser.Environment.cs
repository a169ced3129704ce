using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>[ClearEnvironment], [SetEnvironment] and [RemoveEnvironment].</summary>
internal sealed partial class SpecParser
{
    private EnvironmentModel ReadEnvironment(AttributeData attribute, EnvironmentModel environment)
    {
        switch (attribute.AttributeClass!.Name)
        {
            case "ClearEnvironmentAttribute":
                return environment with { Clear = true };
            case "SetEnvironmentAttribute" when attribute.ConstructorArguments is [{ Value: string name }, { Value: string value }]:
                if (!IsValidName(name, attribute))
                {
                    return environment;
                }

                return ReadTemplate(value, ParameterUsage.Text, LocationOf(attribute, 1), allowSplat: false, allowCondition: false) is { } template
                    ? environment with { Variables = environment.Variables.Append(new EnvironmentVariableModel(name, template)).ToEquatableArray() }
                    : environment;
            case "RemoveEnvironmentAttribute" when attribute.ConstructorArguments is [{ Value: string name }]:
                return IsValidName(name, attribute)
                    ? environment with { Removed = environment.Removed.Append(name).ToEquatableArray() }
                    : environment;
            default:
                Report(SpecProblemKind.InvalidEnvironmentName, LocationOf(attribute), null, "null");
                return environment;
        }
    }

    private bool IsValidName(string name, AttributeData attribute)
    {
        if (name.Length > 0 && name.IndexOf('=') < 0 && name.IndexOf('\0') < 0)
        {
            return true;
        }

        Report(SpecProblemKind.InvalidEnvironmentName, LocationOf(attribute, 0), null, name.Replace("\0", "\\0"));
        return false;
    }
}
