using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Analyzers.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Spawn.Analyzers.CodeFixes.ForkSafety;

/// <summary>
/// Fixes SPAWN0108 for the statement <c>kill(pidfd.Pid, signal);</c> (or <c>pidfd.GetPid()</c>):
/// <c>pidfd.SendSignal(signal);</c>, which throws on failure where kill returned -1.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class PidFdInsteadOfPidCodeFix : CodeFixProvider
{
    private const string Title = "Signal through the PidFd";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.PidOfPidFdUsed.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
            { Parent: ExpressionStatementSyntax, ArgumentList.Arguments: [var pid, var signal] } kill
            || PidFdOf(pid.Expression) is not { } pidFd
            || !context.Diagnostics.Any(d => d.GetMessage().StartsWith("'kill'", StringComparison.Ordinal)))
        {
            return;
        }

        var sendSignal = InvocationExpression(
                MemberAccessExpression(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression, pidFd, IdentifierName("SendSignal")),
                ArgumentList(SingletonSeparatedList(signal)))
            .WithTriviaFrom(kill);
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(kill, sendSignal))), Title),
            context.Diagnostics);
    }

    /// <summary>The receiver of <c>x.Pid</c> or <c>x.GetPid()</c>.</summary>
    private static ExpressionSyntax? PidFdOf(ExpressionSyntax pid) => pid switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pid" } access => access.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetPid" } access, ArgumentList.Arguments.Count: 0 } => access.Expression,
        _ => null,
    };
}
