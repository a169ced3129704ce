using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>One child region handed to a rule, with what the rule needs to walk it and report.</summary>
internal sealed class ChildAnalysisContext
{
    private readonly Action<Diagnostic> report;
    private readonly ConcurrentDictionary<(string, Location), byte> reported;

    public ChildAnalysisContext(
        Action<Diagnostic> report,
        ForkSymbols symbols,
        ChildRegion region,
        ChildCodeWalker walker,
        ConcurrentDictionary<(string, Location), byte> reported)
    {
        this.report = report;
        this.reported = reported;
        Symbols = symbols;
        Region = region;
        Walker = walker;
    }

    public ForkSymbols Symbols { get; }

    public ChildRegion Region { get; }

    public ChildCodeWalker Walker { get; }

    /// <summary>Every operation the child runs, its callees' included.</summary>
    public IEnumerable<ChildOperation> Operations => Walker.Walk(Region);

    /// <summary>Reports a diagnostic unless the same rule already reported at that location (a callee shared by two forks).</summary>
    public void Report(DiagnosticDescriptor descriptor, Location location, params object?[] messageArguments)
    {
        if (reported.TryAdd((descriptor.Id, location), 0))
        {
            report(Diagnostic.Create(descriptor, location, messageArguments));
        }
    }
}
