using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>
/// SPAWN0108: <c>kill</c> or <c>waitpid</c> given the pid of a <c>PidFd</c> (<c>pidfd.Pid</c>, <c>pidfd.GetPid()</c>),
/// where <c>SendSignal</c> or <c>WaitForExit</c> on the pidfd itself cannot reach a recycled pid.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class PidOfPidFdAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The pid-taking C functions, and the PidFd member that replaces each.</summary>
    internal static readonly ImmutableDictionary<string, string> Replacements = new Dictionary<string, string>
    {
        ["kill"] = "SendSignal",
        ["waitpid"] = "WaitForExit",
    }.ToImmutableDictionary();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.PidOfPidFdUsed);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var pidFd = start.Compilation.GetTypeByMetadataName("Spawn.PidFd");
            if (pidFd is null || ForkSymbols.Create(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var call = (IInvocationOperation)operation.Operation;
                    if (call.Arguments.Length > 0
                        && AsyncSignalSafeFunctions.EntryPoint(call.TargetMethod, symbols) is { } entryPoint
                        && Replacements.TryGetValue(entryPoint, out var replacement)
                        && IsPidOf(call.Arguments[0].Value, pidFd))
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(SpawnDiagnostics.PidOfPidFdUsed, call.Syntax.GetLocation(), entryPoint, replacement));
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary><c>pidfd.Pid</c> or <c>pidfd.GetPid()</c>, directly or through a local initialized with one.</summary>
    private static bool IsPidOf(IOperation value, INamedTypeSymbol pidFd)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IPropertyReferenceOperation { Property.Name: "Pid" } property => SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, pidFd),
            IInvocationOperation { TargetMethod.Name: "GetPid" } invocation => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, pidFd),
            ILocalReferenceOperation local => InitializerOf(local) is { } initializer && IsPidOf(initializer, pidFd),
            _ => false,
        };
    }

    private static IOperation? InitializerOf(ILocalReferenceOperation reference)
    {
        var declaration = reference.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        return declaration is not null && declaration.SyntaxTree == reference.Syntax.SyntaxTree
            && reference.SemanticModel?.GetOperation(declaration) is IVariableDeclaratorOperation declarator
            ? declarator.Initializer?.Value
            : null;
    }
}
