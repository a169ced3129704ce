using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>The runtime's fork API and the framework types the fork rules judge, resolved once per compilation.</summary>
internal sealed class ForkSymbols
{
    // Types whose members lock, wait, or need another thread of the process.
    private static readonly string[] BlockingTypeNames =
    [
        "System.Threading.Monitor", "System.Threading.Lock", "System.Threading.Mutex", "System.Threading.Semaphore",
        "System.Threading.SemaphoreSlim", "System.Threading.ReaderWriterLock", "System.Threading.ReaderWriterLockSlim",
        "System.Threading.SpinLock", "System.Threading.WaitHandle", "System.Threading.EventWaitHandle",
        "System.Threading.ManualResetEvent", "System.Threading.ManualResetEventSlim", "System.Threading.AutoResetEvent",
        "System.Threading.CountdownEvent", "System.Threading.Barrier", "System.Threading.Thread",
        "System.Threading.ThreadPool", "System.Threading.Timer", "System.Timers.Timer", "System.Threading.PeriodicTimer",
        "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask",
        "System.Threading.Tasks.ValueTask`1", "System.Threading.Tasks.TaskFactory", "System.Threading.Tasks.TaskFactory`1",
        "System.Threading.Tasks.Parallel",
    ];

    private static readonly string[] LinqTypeNames = ["System.Linq.Enumerable", "System.Linq.Queryable", "System.Linq.ParallelEnumerable"];

    private readonly ImmutableHashSet<INamedTypeSymbol> blockingTypes;
    private readonly ImmutableHashSet<INamedTypeSymbol> linqTypes;

    private ForkSymbols(Compilation compilation, INamedTypeSymbol fork)
    {
        Fork = fork;
        ForkChild = compilation.GetTypeByMetadataName("Spawn.Forking.ForkChild");
        AsyncSignalSafeAttribute = compilation.GetTypeByMetadataName("Spawn.Forking.AsyncSignalSafeAttribute");
        DoesNotReturnAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
        LibraryImportAttribute = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute");
        MethodImplAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplAttribute");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        blockingTypes = Resolve(compilation, BlockingTypeNames);
        linqTypes = Resolve(compilation, LinqTypeNames);
    }

    public INamedTypeSymbol Fork { get; }

    public INamedTypeSymbol? ForkChild { get; }

    public INamedTypeSymbol? AsyncSignalSafeAttribute { get; }

    public INamedTypeSymbol? DoesNotReturnAttribute { get; }

    public INamedTypeSymbol? LibraryImportAttribute { get; }

    public INamedTypeSymbol? MethodImplAttribute { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    /// <summary>The symbols, or null when the compilation does not see the runtime's <c>Spawn.Fork</c>.</summary>
    public static ForkSymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Spawn.Forking.Fork") is { } fork ? new ForkSymbols(compilation, fork) : null;

    /// <summary><c>Fork.ForkNp</c>: returns 0 in the child.</summary>
    public bool IsForkNp(IMethodSymbol method) =>
        method.Name == "ForkNp" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Fork);

    /// <summary>
    /// A <c>Fork</c> method that runs a child method given as a delegate or function pointer
    /// (<c>Fork.Run(Child, ref state)</c>): the runtime calls it in the child and exits with its result.
    /// </summary>
    public bool IsForkWithChildFunction(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, Fork) && method.Parameters.Any(IsChildFunctionParameter);

    public static bool IsChildFunctionParameter(IParameterSymbol parameter) =>
        parameter.Type.TypeKind is TypeKind.Delegate or TypeKind.FunctionPointer;

    /// <summary>A member of the ForkChild toolkit, or one marked [AsyncSignalSafe] itself or through a containing type.</summary>
    public bool IsDeclaredSafe(ISymbol member)
    {
        for (var symbol = member; symbol is not null; symbol = symbol.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(symbol, ForkChild) || HasAttribute(symbol, AsyncSignalSafeAttribute))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsBlockingType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && blockingTypes.Contains(named.OriginalDefinition);

    public bool IsLinqType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && linqTypes.Contains(named.OriginalDefinition);

    public bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Span)
            || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ReadOnlySpan));

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null
        && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    private static ImmutableHashSet<INamedTypeSymbol> Resolve(Compilation compilation, string[] names)
    {
        var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }
}
