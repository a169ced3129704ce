using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0101: locks, waits, threads, tasks and timers in code that runs in a forked child (docs/design.md, fork hazards 2 and 5).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildBlockingAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildBlocks);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            if (Blocking(child.Operation, context.Symbols) is { } what)
            {
                context.Report(SpawnDiagnostics.ChildBlocks, child.Operation.Syntax.GetLocation(), what);
            }
        }
    }

    private static string? Blocking(IOperation operation, ForkSymbols symbols) => operation switch
    {
        ILockOperation => "The lock statement",
        IAwaitOperation => "await",
        IForEachLoopOperation { IsAsynchronous: true } => "await foreach",
        IUsingOperation { IsAsynchronous: true } or IUsingDeclarationOperation { IsAsynchronous: true } => "await using",
        IInvocationOperation invocation when symbols.IsBlockingType(invocation.TargetMethod.ContainingType) => Describe(invocation.TargetMethod),
        IObjectCreationOperation creation when symbols.IsBlockingType(creation.Type) => $"'new {creation.Type!.Name}'",
        IPropertyReferenceOperation property when symbols.IsBlockingType(property.Property.ContainingType) => Describe(property.Property),
        _ => null,
    };

    private static string Describe(ISymbol member) => $"'{member.ContainingType.Name}.{member.Name}'";
}
