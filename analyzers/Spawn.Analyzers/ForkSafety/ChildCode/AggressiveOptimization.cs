using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>Whether a method is compiled fully optimized at once: no tiering, no call counting, no on-stack replacement.</summary>
internal static class AggressiveOptimization
{
    // MethodImplAttributes.AggressiveOptimization; netstandard2.0's enum predates the member.
    private const MethodImplAttributes Flag = (MethodImplAttributes)512;

    public static bool IsMarked(IMethodSymbol method) => (method.MethodImplementationFlags & Flag) != 0;
}
