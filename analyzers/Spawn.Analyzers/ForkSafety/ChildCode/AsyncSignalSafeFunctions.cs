using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>
/// The C functions signal-safety(7) lists as async-signal-safe, read once from the embedded data file
/// <c>AsyncSignalSafeFunctions.txt</c>, and the P/Invokes that bind to one of them.
/// </summary>
internal static class AsyncSignalSafeFunctions
{
    private const string ResourceName = "Spawn.Analyzers.ForkSafety.ChildCode.AsyncSignalSafeFunctions.txt";

    private static readonly Lazy<ImmutableHashSet<string>> Names = new(Load);

    /// <summary>The entry point a P/Invoke binds to, when it is a P/Invoke of a listed function.</summary>
    public static bool IsSafePInvoke(IMethodSymbol method, ForkSymbols symbols, out string entryPoint)
    {
        entryPoint = EntryPoint(method, symbols) ?? "";
        return entryPoint.Length > 0 && Names.Value.Contains(entryPoint);
    }

    /// <summary>The native entry point of a DllImport or LibraryImport method, or null for any other method.</summary>
    public static string? EntryPoint(IMethodSymbol method, ForkSymbols symbols)
    {
        if (method.GetDllImportData() is { } dllImport)
        {
            return dllImport.EntryPointName ?? method.Name;
        }

        var libraryImport = method.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.LibraryImportAttribute));
        if (libraryImport is null)
        {
            return null;
        }

        var named = libraryImport.NamedArguments.FirstOrDefault(a => a.Key == "EntryPoint").Value.Value as string;
        return named ?? method.Name;
    }

    private static ImmutableHashSet<string> Load()
    {
        using var stream = typeof(AsyncSignalSafeFunctions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(ResourceName + " is not embedded in the analyzer assembly.");
        using var reader = new StreamReader(stream);
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line);
            }
        }

        return names.ToImmutable();
    }
}
