using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>What each parameter's type allows, and whether the spec uses it that way.</summary>
internal sealed partial class SpecParser
{
    private void ReadParameter(IParameterSymbol parameter, SpecReturnKind? returnKind)
    {
        Location location = parameter.Locations.FirstOrDefault() ?? MethodLocation;
        _parameterLocations[parameter.Name] = location;
        ParameterKind? kind = Classify(parameter);
        if (kind is not { } known || (known == ParameterKind.CancellationToken && returnKind is not (SpecReturnKind.ExitStatusAsync or SpecReturnKind.CapturedOutputAsync)))
        {
            string use = parameter.RefKind == RefKind.Ref ? "as a ref parameter (pass it by value, or as 'in')" : "by a spawn spec";
            Report(SpecProblemKind.UnsupportedParameter, location, parameter.Name, parameter.Name, parameter.Type.ToDisplayString(), use);
            return;
        }

        if (known == ParameterKind.CancellationToken)
        {
            _used.Add(parameter.Name);
        }

        // The implementation must repeat 'params', 'in', 'ref readonly' and an explicit 'scoped' of the declaration.
        string modifier = parameter.RefKind == RefKind.Out ? "out "
            : parameter.IsParams ? "params "
            : (parameter.ScopedKind != ScopedKind.None ? "scoped " : string.Empty) + parameter.RefKind switch
            {
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => string.Empty,
            };
        bool isUnsigned = parameter.Type is INamedTypeSymbol { EnumUnderlyingType: { } underlying } ? IsUnsigned(underlying) : IsUnsigned(parameter.Type);
        _parameters[parameter.Name] = new ParameterModel(
            parameter.Name,
            modifier,
            parameter.Type.ToDisplayString(SignatureFormat),
            known,
            isUnsigned,
            known == ParameterKind.Enum ? EnumMemberNames(parameter.Type) : EquatableArray<string>.Empty);
    }

    private static ParameterKind? Classify(IParameterSymbol parameter)
    {
        ITypeSymbol type = parameter.Type;
        if (parameter.RefKind == RefKind.Out)
        {
            return type.ToDisplayString() switch
            {
                "System.IO.Stream" => ParameterKind.PipeStream,
                "Microsoft.Win32.SafeHandles.SafeFileHandle" => ParameterKind.PipeHandle,
                "Spawn.Terminals.Terminal" => ParameterKind.Terminal,
                _ => null,
            };
        }

        // 'in' and 'ref readonly' pass a value the spec only reads, like a plain parameter; 'ref' would promise a write.
        if (parameter.RefKind is not (RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter))
        {
            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return ParameterKind.String;
            case SpecialType.System_Boolean:
                return ParameterKind.Boolean;
            case SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64:
                return ParameterKind.SignedInteger;
            case SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64:
                return ParameterKind.UnsignedInteger;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ParameterKind.Enum;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String })
        {
            return ParameterKind.StringArray;
        }

        if (type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments: [var element] } span && span.ContainingNamespace?.ToDisplayString() == "System")
        {
            return element.SpecialType switch
            {
                SpecialType.System_Char => ParameterKind.CharSpan,
                SpecialType.System_Byte => ParameterKind.Utf8Span,
                SpecialType.System_String => ParameterKind.StringSpan,
                _ => null,
            };
        }

        if (IsSpawnType(type, CgroupsNamespace, "Cgroup"))
        {
            return ParameterKind.Cgroup;
        }

        if (type.ToDisplayString() == "System.Threading.CancellationToken")
        {
            return ParameterKind.CancellationToken;
        }

        if (type.ToDisplayString() == "System.TimeSpan")
        {
            return ParameterKind.TimeSpan;
        }

        for (ITypeSymbol? baseType = type; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.ToDisplayString() == "System.Runtime.InteropServices.SafeHandle")
            {
                return ParameterKind.Handle;
            }
        }

        return null;
    }

    private static bool IsUnsigned(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;

    // One name per value: a switch on the value cannot list two members that are equal.
    private static EquatableArray<string> EnumMemberNames(ITypeSymbol type) => type.GetMembers()
        .OfType<IFieldSymbol>()
        .Where(field => field.HasConstantValue)
        .GroupBy(field => field.ConstantValue)
        .Select(group => group.First().Name)
        .ToEquatableArray();

    /// <summary>Marks <paramref name="name"/> used as <paramref name="usage"/>; returns its model when that fits.</summary>
    private ParameterModel? Use(string name, ParameterUsage usage, Location location)
    {
        if (!_parameters.TryGetValue(name, out ParameterModel? parameter))
        {
            if (!_parameterLocations.ContainsKey(name))
            {
                Report(SpecProblemKind.UnknownPlaceholder, location, name, name, _method.Name);
            }

            return null;
        }

        _used.Add(name);
        if (!Fits(parameter, usage))
        {
            Report(SpecProblemKind.UnsupportedParameter, location, name, name, parameter.Type, UsageText(usage));
            return null;
        }

        return parameter;
    }

    private static bool Fits(ParameterModel parameter, ParameterUsage usage) => usage switch
    {
        ParameterUsage.Text => parameter.Kind is ParameterKind.String or ParameterKind.CharSpan or ParameterKind.Utf8Span
            or ParameterKind.SignedInteger or ParameterKind.UnsignedInteger or ParameterKind.Enum,
        ParameterUsage.Condition => parameter.Kind == ParameterKind.Boolean,
        ParameterUsage.Splat => parameter.Kind is ParameterKind.StringArray or ParameterKind.StringSpan,
        ParameterUsage.Descriptor => parameter.Kind == ParameterKind.Handle || IsInt(parameter),
        ParameterUsage.Cgroup => parameter.Kind is ParameterKind.Cgroup or ParameterKind.Handle || IsInt(parameter),
        ParameterUsage.ProcessGroup => IsInt(parameter),
        ParameterUsage.Id => parameter.Type == "uint",
        ParameterUsage.StandardStream => parameter.Kind is ParameterKind.String or ParameterKind.CharSpan or ParameterKind.Utf8Span
            or ParameterKind.Handle or ParameterKind.PipeStream or ParameterKind.PipeHandle || IsInt(parameter),
        ParameterUsage.Timeout => parameter.Kind == ParameterKind.TimeSpan,
        _ => false,
    };

    private static bool IsInt(ParameterModel parameter) => parameter.Type == "int";

    private static string UsageText(ParameterUsage usage) => usage switch
    {
        ParameterUsage.Text => "as text (string, ReadOnlySpan<char>, UTF-8 ReadOnlySpan<byte>, an integer or an enum)",
        ParameterUsage.Condition => "as a {?condition} (bool)",
        ParameterUsage.Splat => "as a {splat...} (string[] or ReadOnlySpan<string>)",
        ParameterUsage.Descriptor => "as a descriptor (a SafeHandle or an int)",
        ParameterUsage.Cgroup => "as a cgroup (Cgroup, a SafeHandle or an int descriptor)",
        ParameterUsage.ProcessGroup => "as a process group (int)",
        ParameterUsage.Id => "as a user or group id (uint)",
        ParameterUsage.Timeout => "as a timeout (TimeSpan)",
        _ => "as a standard stream (a path, a SafeHandle or int descriptor, or an out Stream / SafeFileHandle pipe)",
    };

    private void CheckUnusedParameters()
    {
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            if (!_parameters.TryGetValue(parameter.Name, out ParameterModel? model) || _used.Contains(parameter.Name))
            {
                continue;
            }

            // An out parameter nothing assigns would not compile: it must be a stdio pipe.
            if (model.Modifier == "out ")
            {
                Report(SpecProblemKind.UnsupportedParameter, _parameterLocations[parameter.Name], parameter.Name, parameter.Name, model.Type, "as an out parameter that no standard stream pipes to");
            }
            else
            {
                Report(SpecProblemKind.UnusedParameter, _parameterLocations[parameter.Name], parameter.Name, parameter.Name);
            }
        }
    }
}
