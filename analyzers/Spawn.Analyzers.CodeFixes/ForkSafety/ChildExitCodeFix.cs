using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Spawn.Analyzers.Diagnostics;

namespace Spawn.Analyzers.CodeFixes.ForkSafety;

/// <summary>
/// Fixes SPAWN0107: ends the child with <c>ForkChild.Exit(127)</c> (127, the shell's "could not run the
/// command") at the end of its branch, or before the <c>return</c>/<c>break</c> that would leave it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class ChildExitCodeFix : CodeFixProvider
{
    private const string Title = "End the child with ForkChild.Exit(127)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildFallsThrough.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var forkChild = model?.Compilation.GetTypeByMetadataName("Spawn.Forking.ForkChild");
        if (model is null || forkChild is null)
        {
            return;
        }

        // Name the toolkit as the file already can: "ForkChild" under "using Spawn;", else fully qualified.
        var inScope = model.LookupNamespacesAndTypes(context.Span.Start, name: forkChild.Name)
            .Any(t => SymbolEqualityComparer.Default.Equals(t, forkChild));
        var exit = SyntaxFactory.ParseStatement((inScope ? "ForkChild" : "global::Spawn.ForkChild") + ".Exit(127);")
            .WithAdditionalAnnotations(Formatter.Annotation);
        var token = root.FindToken(context.Span.Start);
        SyntaxNode? fixedRoot = null;
        if (token.IsKind(SyntaxKind.CloseBraceToken) && token.Parent is BlockSyntax block)
        {
            fixedRoot = root.ReplaceNode(block, block.AddStatements(exit));
        }
        else if (root.FindNode(context.Span) is StatementSyntax leaving && leaving.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            fixedRoot = root.InsertNodesBefore(
                leaving, [exit.WithLeadingTrivia(leaving.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.ElasticLineFeed)]);
        }

        if (fixedRoot is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellation => FormatAsync(context.Document.WithSyntaxRoot(fixedRoot), cancellation), Title),
                context.Diagnostics);
        }
    }

    private static async Task<Document> FormatAsync(Document document, CancellationToken cancellation)
    {
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellation).ConfigureAwait(false);
    }
}
