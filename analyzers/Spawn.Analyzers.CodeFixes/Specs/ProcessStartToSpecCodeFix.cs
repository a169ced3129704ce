using System.Collections.Immutable;
using System.Composition;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Analyzers.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Spawn.Analyzers.CodeFixes.Specs;

/// <summary>
/// Fixes SPAWN0019: <c>Process.Start("git", "gc --auto");</c> becomes <c>RunGit().Dispose();</c>
/// plus <c>[SpawnSpec("git", "gc", "--auto")] private static partial PidFd RunGit();</c> in the
/// same type, made partial. Disposing the <c>PidFd</c> hands the running child to the runtime's
/// reaper, as <c>Process.Start</c> leaves its child to .NET's SIGCHLD handling.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class ProcessStartToSpecCodeFix : CodeFixProvider
{
    private const string Title = "Turn into a [SpawnSpec] method";

    // Process.Start splits arguments with quote rules; without these characters that is a split on white space.
    private static readonly char[] QuotingCharacters = ['"', '\'', '\\', '{', '}'];

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpawnDiagnostics.ProcessStartCanBeSpec.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments: [var file, var arguments] } invocation
            || file.Expression is not LiteralExpressionSyntax { Token.ValueText: var fileName }
            || arguments.Expression is not LiteralExpressionSyntax { Token.ValueText: var argumentText }
            || argumentText.IndexOfAny(QuotingCharacters) >= 0
            || fileName.IndexOfAny(QuotingCharacters) >= 0
            || invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || type.Ancestors().OfType<TypeDeclarationSyntax>().Any(outer => !outer.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(Rewrite(root, type, invocation, fileName, argumentText))), Title),
            context.Diagnostics);
    }

    private static SyntaxNode Rewrite(SyntaxNode root, TypeDeclarationSyntax type, InvocationExpressionSyntax invocation, string fileName, string argumentText)
    {
        string name = UniqueName(type, fileName);
        string[] argv = [fileName, .. argumentText.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)];
        string spec = string.Join(", ", argv.Select(argument => Literal(argument).Text));
        MemberDeclarationSyntax method = ParseMemberDeclaration(
            $"[global::Spawn.SpawnSpec({spec})]\nprivate static partial global::Spawn.PidFd {name}();\n")!;

        TypeDeclarationSyntax rewritten = type.ReplaceNode(invocation, ParseExpression($"{name}().Dispose()").WithTriviaFrom(invocation));
        rewritten = rewritten.AddMembers(method.WithLeadingTrivia(ElasticCarriageReturnLineFeed));
        if (!rewritten.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            rewritten = rewritten.AddModifiers(Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space));
        }

        return root.ReplaceNode(type, rewritten.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
    }

    // RunGit, RunGit2, ...: the program's file name in Pascal case, free in the type.
    private static string UniqueName(TypeDeclarationSyntax type, string fileName)
    {
        StringBuilder name = new("Run");
        bool upper = true;
        foreach (char c in fileName.Substring(fileName.LastIndexOf('/') + 1))
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        HashSet<string> taken = [.. type.Members.OfType<MethodDeclarationSyntax>().Select(method => method.Identifier.ValueText)];
        string candidate = name.ToString();
        for (int suffix = 2; taken.Contains(candidate); suffix++)
        {
            candidate = name.ToString() + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
