using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0104: static fields whose type initializer may first run in a forked child (docs/design.md, fork hazards 1-3).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildStaticFieldAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SpawnDiagnostics.ChildReadsUninitializedStatic);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            var member = child.Operation switch
            {
                IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => field,
                IPropertyReferenceOperation { Property: { IsStatic: true } property } when TypeInitializers.IsAutoProperty(property) => property,
                _ => (ISymbol?)null,
            };
            if (member is not null && !TypeInitializers.HasNone(member.ContainingType) && !context.Symbols.IsDeclaredSafe(member))
            {
                context.Report(
                    SpawnDiagnostics.ChildReadsUninitializedStatic,
                    child.Operation.Syntax.GetLocation(),
                    member.Name,
                    member.ContainingType.Name);
            }
        }
    }
}
