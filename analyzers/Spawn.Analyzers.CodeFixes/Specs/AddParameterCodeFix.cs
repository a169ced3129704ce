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

/// <summary>
/// Adds the parameter a spec lacks: for SPAWN0004 a <c>string</c> parameter named after the unknown
/// placeholder; for SPAWN0030 where <c>[Terminal]</c> has none, <c>out Terminal terminal</c> (the type
/// named as the file's usings allow).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class AddParameterCodeFix : CodeFixProvider
{
    private const string TerminalTypeName = "Spawn.Terminals.Terminal";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(SpawnDiagnostics.UnknownPlaceholder.Id, SpawnDiagnostics.TerminalParameterMismatch.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        Diagnostic diagnostic = context.Diagnostics[0];
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return;
        }

        ParameterSyntax? parameter = diagnostic.Id == SpawnDiagnostics.UnknownPlaceholder.Id
            ? PlaceholderParameter(diagnostic)
            : await TerminalParameterAsync(context, method).ConfigureAwait(false);
        if (parameter is null)
        {
            return;
        }

        string title = $"Add parameter '{parameter.NormalizeWhitespace()}'";
        MethodDeclarationSyntax added = method.WithParameterList(method.ParameterList.AddParameters(parameter));
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, added))), title),
            diagnostic);
    }

    private static ParameterSyntax? PlaceholderParameter(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(SpawnSpecAnalyzer.SubjectProperty, out string? name) && name is not null && SyntaxFacts.IsValidIdentifier(name)
            ? Parameter(Identifier(name)).WithType(PredefinedType(Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(Space))
            : null;

    // Only where the method has no Terminal parameter: the rule's other cases (one without
    // [Terminal], a second one) are not fixed by adding.
    private static async Task<ParameterSyntax?> TerminalParameterAsync(CodeFixContext context, MethodDeclarationSyntax method)
    {
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
            || model.Compilation.GetTypeByMetadataName(TerminalTypeName) is not { } terminalType
            || symbol.Parameters.Any(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, terminalType)))
        {
            return null;
        }

        string name = symbol.Parameters.Any(parameter => parameter.Name == "terminal") ? "pty" : "terminal";
        bool inScope = model.LookupNamespacesAndTypes(method.SpanStart, name: "Terminal")
            .Any(found => SymbolEqualityComparer.Default.Equals(found, terminalType));
        return Parameter(Identifier(name))
            .WithModifiers(TokenList(Token(SyntaxKind.OutKeyword).WithTrailingTrivia(Space)))
            .WithType(ParseTypeName(inScope ? "Terminal" : TerminalTypeName).WithTrailingTrivia(Space));
    }
}
