using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Specs.Parsing;

namespace Spawn.Analyzers.Specs;

/// <summary>
/// SPAWN0019 (info): a fire-and-forget <c>Process.Start(fileName, arguments)</c> with constant
/// strings, in a project that references Spawn, can become a <c>[SpawnSpec]</c> method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessStartAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ProcessStartCanBeSpec);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SpecParser.SpawnSpecAttributeName) is null
                || start.Compilation.GetTypeByMetadataName("System.Diagnostics.Process") is not { } process)
            {
                return;
            }

            start.RegisterOperationAction(operation => Analyze(operation, process), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol process)
    {
        IInvocationOperation invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol target = invocation.TargetMethod;
        if (target.Name != "Start" || !SymbolEqualityComparer.Default.Equals(target.ContainingType, process)
            || invocation.Parent is not IExpressionStatementOperation
            || invocation.Arguments.Length != 2
            || invocation.Arguments.Any(argument => argument.Value.Type?.SpecialType != SpecialType.System_String || argument.Value.ConstantValue.Value is not string)
            || invocation.Arguments[0].Value.ConstantValue.Value is not string fileName)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(SpawnDiagnostics.ProcessStartCanBeSpec, invocation.Syntax.GetLocation(), fileName));
    }
}
