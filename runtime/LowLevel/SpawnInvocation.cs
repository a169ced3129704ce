using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spawn.Interop;
using static Spawn.LowLevel.NativeActionEncoding;

namespace Spawn.LowLevel;

/// <summary>
/// One spawn through <see cref="Spawner"/>: checks the managed input, encodes path, argv, envp and
/// file-action paths as UTF-8 into one native buffer (on the stack up to
/// <see cref="StackThreshold"/> bytes, native memory above, never one allocation per string),
/// and makes the single call into the C core.
/// </summary>
internal static unsafe class SpawnInvocation
{
    /// <summary>Buffers up to this size live on the stack; a typical environment of a few KiB fits.</summary>
    internal const int StackThreshold = 8192;

    /// <summary>glibc's PATH for posix_spawnp when the environment has none (<c>confstr(_CS_PATH)</c>).</summary>
    private const string DefaultSearchPath = "/bin:/usr/bin";

    [SkipLocalsInit] // every byte of the buffer is written before the C core reads it
    internal static SpawnError Run(string path, SpawnFileActions? actions, SpawnAttributes? attributes,
                                   IReadOnlyList<string> argv, IReadOnlyList<string>? envp,
                                   NativeSpawnOptions options, out NativeSpawnResult result)
    {
        Validate(path, argv, envp);
        attributes?.ThrowIfDisposed();

        // The environment a Process.Start child gets: the managed view, including changes made
        // with Environment.SetEnvironmentVariable (which never reach the C library's environ).
        IDictionary? managedEnvironment = envp is null ? Environment.GetEnvironmentVariables() : null;
        string? searchPath = (options & NativeSpawnOptions.SearchPath) == 0 ? null
            : (managedEnvironment is not null ? managedEnvironment["PATH"] as string : Environment.GetEnvironmentVariable("PATH"))
              ?? DefaultSearchPath;

        int actionCount = actions?.Count ?? 0;
        int envCount = envp?.Count ?? managedEnvironment!.Count;
        long pointerBytes = (long)(argv.Count + 1 + envCount + 1) * sizeof(nint);
        long fixedBytes = pointerBytes + (long)actionCount * sizeof(NativeFileAction) + sizeof(NativeSpawnAttributes);
        long total = fixedBytes + MeasureStrings(path, actions, argv, envp, managedEnvironment, searchPath);
        if (total > int.MaxValue)
            throw new ArgumentException("The arguments and environment are larger than 2 GiB.", nameof(argv));

        byte* stackBuffer = stackalloc byte[StackThreshold];
        byte* buffer = total <= StackThreshold ? stackBuffer : (byte*)NativeMemory.Alloc((nuint)total);
        SafeHandle? cgroup = attributes?.Cgroup;
        bool cgroupAdded = false;
        try
        {
            var argvPointers = (byte**)buffer;
            var envpPointers = argvPointers + argv.Count + 1;
            var nativeActions = (NativeFileAction*)(buffer + pointerBytes);
            var nativeAttributes = (NativeSpawnAttributes*)(nativeActions + actionCount);
            var writer = new SpawnBufferWriter(buffer + fixedBytes, (int)(total - fixedBytes));

            NativeSpawnRequest request = default;
            request.Path = Write(ref writer, path);
            for (int i = 0; i < argv.Count; i++)
                argvPointers[i] = Write(ref writer, argv[i]);
            argvPointers[argv.Count] = null;
            if (envp is not null)
            {
                for (int i = 0; i < envp.Count; i++)
                    envpPointers[i] = Write(ref writer, envp[i]);
            }
            else
            {
                int i = 0;
                foreach (DictionaryEntry variable in managedEnvironment!)
                    envpPointers[i++] = WriteVariable(ref writer, (string)variable.Key, variable.Value as string);
            }
            envpPointers[envCount] = null;
            request.Argv = argvPointers;
            request.Envp = envpPointers;

            NativeActionEncoding.WriteActions(actions, nativeActions, ref writer);
            request.Actions = nativeActions;
            request.ActionCount = actionCount;
            request.SearchPath = searchPath is null ? null : Write(ref writer, searchPath);
            request.Options = options;

            if (attributes is not null)
            {
                *nativeAttributes = attributes.ToNative();
                // A closed handle is passed as -1 so that the C core answers EBADF as the glibc patch set does.
                if (cgroup is not null && !cgroup.IsClosed && !cgroup.IsInvalid)
                {
                    cgroup.DangerousAddRef(ref cgroupAdded);
                    nativeAttributes->CgroupFd = (int)cgroup.DangerousGetHandle();
                }
                request.Attributes = nativeAttributes;
            }

            NativeSpawnResult native;
            int error = NativeSpawn.Spawn(&request, &native);
            result = native;
            if (error == 0)
                return default;
            int index = native.ActionIndex;
            bool isAction = native.Stage == SpawnStage.FileAction && (uint)index < (uint)actionCount;
            return new SpawnError(new Errno(error), native.Stage, index, isAction ? actions![index].Kind : null,
                                  native.Detail, isAction ? actions![index].Path : null);
        }
        finally
        {
            if (cgroupAdded)
                cgroup!.DangerousRelease();
            if (buffer != stackBuffer)
                NativeMemory.Free(buffer);
        }
    }

    private static void Validate(string path, IReadOnlyList<string> argv, IReadOnlyList<string>? envp)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(argv);
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        if (argv.Count == 0)
            throw new ArgumentException("argv must hold at least the program's name (argv[0]).", nameof(argv));
        CheckStrings(argv, nameof(argv));
        if (envp is not null)
            CheckStrings(envp, nameof(envp));
    }

    private static void CheckStrings(IReadOnlyList<string> strings, string name)
    {
        for (int i = 0; i < strings.Count; i++)
        {
            string? value = strings[i];
            if (value is null)
                throw new ArgumentException($"{name}[{i}] is null.", name);
            if (value.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException($"{name}[{i}] contains a NUL character.", name);
        }
    }

    private static long MeasureStrings(string path, SpawnFileActions? actions, IReadOnlyList<string> argv,
                                       IReadOnlyList<string>? envp, IDictionary? managedEnvironment, string? searchPath)
    {
        long bytes = Size(path) + (searchPath is null ? 0 : Size(searchPath));
        for (int i = 0; i < argv.Count; i++)
            bytes += Size(argv[i]);
        if (envp is not null)
        {
            for (int i = 0; i < envp.Count; i++)
                bytes += Size(envp[i]);
        }
        else
        {
            foreach (DictionaryEntry variable in managedEnvironment!)
                bytes += Size((string)variable.Key) + Size(variable.Value as string ?? ""); // "=" takes the key's NUL
        }
        return bytes + NativeActionEncoding.MeasureActions(actions);
    }

    private static byte* WriteVariable(ref SpawnBufferWriter writer, string name, string? value)
    {
        writer.Begin();
        writer.AppendText(name);
        writer.AppendLiteral("="u8);
        writer.AppendText(value);
        return writer.End();
    }
}
