using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Spawn.Analyzers.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Spawn.Analyzers.CodeFixes.ForkSafety;

/// <summary>
/// Fixes SPAWN0105 and SPAWN0106: marks the method [MethodImpl(MethodImplOptions.AggressiveOptimization)],
/// adding the flag to an existing MethodImpl attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class AggressiveOptimizationCodeFix : CodeFixProvider
{
    private const string Title = "Mark the method AggressiveOptimization";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        SpawnDiagnostics.ChildLoopWithoutAggressiveOptimization.Id,
        SpawnDiagnostics.ForkingMethodWithoutAggressiveOptimization.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var method = root?.FindNode(context.Span).FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        if (root is null || method is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, cancellation => MarkAsync(context.Document, root.ReplaceNode(method, Mark(method)), cancellation), Title),
            context.Diagnostics);
    }

    private static async Task<Document> MarkAsync(Document document, SyntaxNode root, CancellationToken cancellation)
    {
        var marked = await ImportAdder.AddImportsAsync(
            document.WithSyntaxRoot(root), Simplifier.AddImportsAnnotation, options: null, cancellation).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(marked, Simplifier.Annotation, cancellationToken: cancellation).ConfigureAwait(false);
    }

    private static SyntaxNode Mark(SyntaxNode method)
    {
        var flag = ParseExpression("global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var lists = method is LocalFunctionStatementSyntax local ? local.AttributeLists : ((BaseMethodDeclarationSyntax)method).AttributeLists;
        var existing = lists.SelectMany(l => l.Attributes).FirstOrDefault(IsMethodImpl);
        if (existing?.ArgumentList?.Arguments.FirstOrDefault() is { } argument)
        {
            var combined = BinaryExpression(SyntaxKind.BitwiseOrExpression, argument.Expression, flag);
            return method.ReplaceNode(argument, argument.WithExpression(combined));
        }

        var attribute = Attribute(
                ParseName("global::System.Runtime.CompilerServices.MethodImpl").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                AttributeArgumentList(SingletonSeparatedList(AttributeArgument(flag))));
        var list = AttributeList(SingletonSeparatedList(attribute));
        return method switch
        {
            LocalFunctionStatementSyntax function => MoveTrivia(function, function.AddAttributeLists(list)),
            BaseMethodDeclarationSyntax declaration => MoveTrivia(declaration, declaration.AddAttributeLists(list)),
            _ => method,
        };
    }

    // The new attribute goes where the method started: keep the method's indentation and comments before it.
    private static SyntaxNode MoveTrivia(SyntaxNode original, SyntaxNode marked) =>
        original.HasLeadingTrivia && marked.GetFirstToken() is var first
            ? marked.ReplaceToken(first, first.WithLeadingTrivia(original.GetLeadingTrivia()))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)
            : marked;

    private static bool IsMethodImpl(AttributeSyntax attribute)
    {
        var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : attribute.Name.ToString();
        return name is "MethodImpl" or "MethodImplAttribute";
    }
}
