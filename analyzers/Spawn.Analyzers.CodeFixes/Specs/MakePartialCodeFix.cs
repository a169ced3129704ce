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

/// <summary>Fixes SPAWN0001: makes the method a <c>partial</c> declaration without a body, for the generator to fill.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    private const string Title = "Make the method partial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.MethodNotPartial.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, MakePartial(method)))), Title),
            context.Diagnostics);
    }

    // 'partial' goes last among the modifiers, right before the return type, as C# requires.
    private static MethodDeclarationSyntax MakePartial(MethodDeclarationSyntax method)
    {
        MethodDeclarationSyntax declaration = method;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            declaration = declaration.AddModifiers(Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space));
        }

        if (declaration.Body is null && declaration.ExpressionBody is null)
        {
            return declaration;
        }

        SyntaxTriviaList trailing = (declaration.Body?.GetTrailingTrivia() ?? declaration.SemicolonToken.TrailingTrivia);
        return declaration
            .WithBody(null)
            .WithExpressionBody(null)
            .WithParameterList(declaration.ParameterList.WithTrailingTrivia())
            .WithSemicolonToken(Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(trailing));
    }
}
