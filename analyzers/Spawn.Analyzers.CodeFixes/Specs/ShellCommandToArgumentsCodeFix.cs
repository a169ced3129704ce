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
/// Fixes SPAWN0014: replaces <c>"sh", "-c", "git log {repo}"</c> by <c>"git", "log", "{repo}"</c>
/// when the command is a plain list of words, so no shell ever parses the parameter.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class ShellCommandToArgumentsCodeFix : CodeFixProvider
{
    private const string Title = "Run the command without a shell";

    // Anything the shell would interpret: then splitting on spaces would change the meaning.
    private static readonly char[] ShellSyntax = ['\'', '"', '\\', '$', '`', ';', '&', '|', '<', '>', '(', ')', '*', '?', '[', '~', '#', '\n', '\t'];

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.ShellCommandPlaceholder.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not { } node
            || node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Expression: LiteralExpressionSyntax { Token.ValueText: var command } } commandArgument
            || commandArgument.Parent is not AttributeArgumentListSyntax list
            || Split(command) is not { } words)
        {
            return;
        }

        // Only the command and what precedes it (the shell and its options) are replaced; later
        // arguments would be the script's $0, $1..., whose meaning a rewrite would change.
        int commandIndex = list.Arguments.IndexOf(commandArgument);
        if (list.Arguments.Skip(commandIndex + 1).Any(argument => argument.NameEquals is null))
        {
            return;
        }

        IEnumerable<AttributeArgumentSyntax> replaced = words
            .Select(word => AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(word))))
            .Concat(list.Arguments.Skip(commandIndex + 1));
        AttributeArgumentListSyntax rewritten = list.WithArguments(SeparatedList(replaced));
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(list, rewritten))), Title),
            context.Diagnostics);
    }

    private static string[]? Split(string command)
    {
        if (command.IndexOfAny(ShellSyntax) >= 0)
        {
            return null;
        }

        string[] words = command.Split([' '], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 || words[0].IndexOf('{') >= 0 ? null : words;
    }
}
