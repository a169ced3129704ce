using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.Specs;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Spawn.Analyzers.CodeFixes.Specs;

/// <summary>Fixes SPAWN0004: adds a <c>string</c> parameter named after the unknown placeholder.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class AddParameterCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.UnknownPlaceholder.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        Diagnostic diagnostic = context.Diagnostics[0];
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || !diagnostic.Properties.TryGetValue(SpawnSpecAnalyzer.SubjectProperty, out string? name)
            || name is null
            || !SyntaxFacts.IsValidIdentifier(name))
        {
            return;
        }

        string title = $"Add parameter 'string {name}'";
        ParameterSyntax parameter = Parameter(Identifier(name)).WithType(PredefinedType(Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(Space));
        MethodDeclarationSyntax added = method.WithParameterList(method.ParameterList.AddParameters(parameter));
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, added))), title),
            diagnostic);
    }
}
