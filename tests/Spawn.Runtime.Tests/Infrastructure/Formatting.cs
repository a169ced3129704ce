using System.Globalization;
using System.Runtime.InteropServices;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>Small conversions the tests use to talk to the probe: numbers as invariant text, handles as descriptor numbers.</summary>
internal static class Formatting
{
    /// <summary>The number as the probe parses it.</summary>
    public static string Text(this int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The descriptor number a handle owns (the tests pass it to file actions and to the probe).</summary>
    public static int Fd(this SafeHandle handle) => (int)handle.DangerousGetHandle();
}
