using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Analyzers.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Spawn.Analyzers.CodeFixes.Specs;

/// <summary>Fixes SPAWN0041: adds <c>[ProcessGroup(0)]</c> before <c>[StopSignal]</c>, so that the child leads the group its policy stops.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class AddProcessGroupCodeFix : CodeFixProvider
{
    private const string Title = "Give the child a process group of its own: [ProcessGroup(0)]";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.ProcessGroupScopeWithoutGroup.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<AttributeListSyntax>() is not { } list)
        {
            return;
        }

        // A list of its own, laid out as the [StopSignal] list is: same indentation, same separator after it.
        AttributeArgumentSyntax zero = AttributeArgument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0)));
        AttributeListSyntax processGroup = AttributeList(SingletonSeparatedList(Attribute(IdentifierName("ProcessGroup"), AttributeArgumentList(SingletonSeparatedList(zero)))))
            .WithLeadingTrivia(list.GetLeadingTrivia())
            .WithTrailingTrivia(list.GetTrailingTrivia());
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.InsertNodesBefore(list, [processGroup]))), Title),
            context.Diagnostics);
    }
}
