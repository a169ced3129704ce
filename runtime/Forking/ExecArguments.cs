using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Spawn.Forking;

/// <summary>
/// The program, <c>argv</c>, <c>envp</c> and <c>PATH</c> of an exec in a forked child, encoded before
/// the fork as NUL-terminated UTF-8 strings and NULL-terminated pointer arrays in one block of native
/// memory, so that <see cref="ForkChild.Exec"/> and <see cref="ForkChild.ExecP"/> allocate nothing.
/// Dispose it in the parent after the fork (the child's copy goes away with exec).
/// </summary>
public sealed unsafe class ExecArguments : IDisposable
{
    private void* _block;

    private ExecArguments(void* block, byte* program, byte** argv, byte** envp, byte* searchPath)
    {
        _block = block;
        Program = program;
        Argv = argv;
        Envp = envp;
        SearchPath = searchPath;
    }

    /// <summary>The program path (or, for <see cref="ForkChild.ExecP"/>, the name to search).</summary>
    public byte* Program { get; }

    /// <summary>The NULL-terminated argument vector.</summary>
    public byte** Argv { get; }

    /// <summary>The NULL-terminated environment.</summary>
    public byte** Envp { get; }

    /// <summary>The PATH searched by <see cref="ForkChild.ExecP"/>: the environment's PATH, else
    /// <c>/bin:/usr/bin</c> as glibc does.</summary>
    public byte* SearchPath { get; }

    /// <summary>Encodes an exec's strings.</summary>
    /// <param name="program">The path to run, or for <see cref="ForkChild.ExecP"/> a name to search for.</param>
    /// <param name="argv">The arguments, argv[0] first; not empty.</param>
    /// <param name="envp">The environment as <c>NAME=value</c> strings, or null for this process's
    /// (<see cref="Environment.GetEnvironmentVariables()"/>, what a <c>Process.Start</c> child gets).</param>
    /// <exception cref="ArgumentException">An empty program or argv, or a string with a NUL.</exception>
    public static ExecArguments Create(string program, IReadOnlyList<string> argv, IReadOnlyList<string>? envp = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
            throw new ArgumentException("argv must hold at least argv[0].", nameof(argv));
        IReadOnlyList<string> environment = envp ?? CurrentEnvironment();
        string? path = null;
        foreach (string entry in environment)
        {
            if (entry.StartsWith("PATH=", StringComparison.Ordinal))
                path = entry["PATH=".Length..];
        }

        var strings = new List<string>(2 + argv.Count + environment.Count) { program, path ?? "/bin:/usr/bin" };
        strings.AddRange(argv);
        strings.AddRange(environment);
        long textBytes = 0;
        foreach (string s in strings)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(argv));
            if (s.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException($"\"{s.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains a NUL character.");
            textBytes += Encoding.UTF8.GetByteCount(s) + 1;
        }

        nuint pointerBytes = (nuint)(argv.Count + 1 + environment.Count + 1) * (nuint)sizeof(byte*);
        byte* block = (byte*)NativeMemory.Alloc(pointerBytes + (nuint)textBytes);
        byte** pointers = (byte**)block;
        byte* text = block + pointerBytes;
        byte* end = text + textBytes;
        byte* Encode(string s)
        {
            byte* start = text;
            int written = Encoding.UTF8.GetBytes(s, new Span<byte>(text, (int)(end - text)));
            text[written] = 0;
            text += written + 1;
            return start;
        }

        byte* programText = Encode(strings[0]);
        byte* searchPath = Encode(strings[1]);
        byte** argvArray = pointers;
        for (int i = 0; i < argv.Count; i++)
            argvArray[i] = Encode(argv[i]);
        argvArray[argv.Count] = null;
        byte** envArray = argvArray + argv.Count + 1;
        for (int i = 0; i < environment.Count; i++)
            envArray[i] = Encode(environment[i]);
        envArray[environment.Count] = null;
        return new ExecArguments(block, programText, argvArray, envArray, searchPath);
    }

    /// <summary>Frees the native block.</summary>
    public void Dispose()
    {
        NativeMemory.Free(_block);
        _block = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native block of an undisposed instance.</summary>
    ~ExecArguments() => NativeMemory.Free(_block);

    private static List<string> CurrentEnvironment()
    {
        var entries = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            entries.Add($"{variable.Key}={variable.Value}");
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
