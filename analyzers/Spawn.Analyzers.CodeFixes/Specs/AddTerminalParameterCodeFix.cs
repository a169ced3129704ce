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

/// <summary>
/// Fixes SPAWN0030 where <c>[Terminal]</c> has no parameter to hand the terminal out: adds
/// <c>out Terminal terminal</c> (the type named as the file's usings allow).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class AddTerminalParameterCodeFix : CodeFixProvider
{
    private const string TerminalTypeName = "Spawn.Terminals.Terminal";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.TerminalParameterMismatch.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model?.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
            || model.Compilation.GetTypeByMetadataName(TerminalTypeName) is not { } terminalType
            || symbol.Parameters.Any(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, terminalType)))
        {
            return; // the other cases of the rule: a parameter without [Terminal], or a second one
        }

        string name = symbol.Parameters.Any(parameter => parameter.Name == "terminal") ? "pty" : "terminal";
        // The short name when a using brings Spawn.Terminals in scope, else the full one.
        bool inScope = model.LookupNamespacesAndTypes(method.SpanStart, name: "Terminal")
            .Any(found => SymbolEqualityComparer.Default.Equals(found, terminalType));
        TypeSyntax type = ParseTypeName(inScope ? "Terminal" : TerminalTypeName).WithTrailingTrivia(Space);
        ParameterSyntax parameter = Parameter(Identifier(name))
            .WithModifiers(TokenList(Token(SyntaxKind.OutKeyword).WithTrailingTrivia(Space)))
            .WithType(type);
        string title = $"Add parameter 'out {(inScope ? "Terminal" : TerminalTypeName)} {name}'";
        MethodDeclarationSyntax added = method.WithParameterList(method.ParameterList.AddParameters(parameter));
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, added))), title),
            context.Diagnostics[0]);
    }
}
