namespace Spawn.Commands;

/// <summary>
/// One program to run, with its arguments, environment and working directory, and the job settings
/// of <see cref="Job"/>. Immutable: derive variants with <c>with</c>, run it as often as needed.
/// </summary>
/// <example>
/// <code>
/// JobOutput status = await new Command("git", "status", "--short") { WorkingDirectory = repo }.CaptureAsync();
/// await new Command("make") { Timeout = TimeSpan.FromMinutes(5), ThrowOnFailure = true }.RunAsync();
/// JobResult both = await (new Command("head", "-c", "1M", "/dev/urandom") | new Command("wc", "-c")).RunAsync();
/// </code>
/// </example>
public sealed record Command : Job
{
    private readonly IReadOnlyList<string> _arguments = [];

    /// <summary>A command that runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    /// <param name="program">The program: a path, or a name searched in PATH as <c>execvpe</c> does
    /// (<see cref="Spawner.PidFdSpawnP"/>). It is also <c>argv[0]</c>.</param>
    /// <param name="arguments">The arguments after <c>argv[0]</c>, passed as they are (no shell).</param>
    /// <exception cref="ArgumentException">The program is empty, or an argument is null or holds a NUL character.</exception>
    public Command(string program, params IReadOnlyList<string> arguments)
    {
        Program = CheckProgram(program);
        Arguments = arguments;
    }

    /// <summary>The program: a path, or a name searched in PATH.</summary>
    public string Program { get; init => field = CheckProgram(value); }

    /// <summary>The arguments after <c>argv[0]</c>.</summary>
    /// <exception cref="ArgumentException">An argument is null or holds a NUL character.</exception>
    public IReadOnlyList<string> Arguments
    {
        get => _arguments;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            for (int i = 0; i < value.Count; i++)
            {
                if (value[i] is null || value[i].Contains('\0', StringComparison.Ordinal))
                    throw new ArgumentException($"Argument {i} is null or contains a NUL character.", nameof(Arguments));
            }
            _arguments = [.. value];
        }
    }

    /// <summary>
    /// Changes to this process's environment for the command: a value sets the variable, null removes
    /// it. Null (the default) passes the environment unchanged (the managed view, as
    /// <see cref="Spawner"/> documents).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The folder the command starts in (a <c>chdir</c> file action); null for this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The sandbox the command runs in (Landlock, seccomp, capability and namespace steps,
    /// <see cref="Sandboxing.SandboxProfile"/>), or null. Its steps run after the command's own
    /// redirections and working directory, and its <see cref="Sandboxing.SandboxProfile.CloseOtherDescriptors"/>
    /// decides whether descriptors above 2 reach the program (a command without a sandbox closes them);
    /// the command starts from the sandbox's environment, with <see cref="Environment"/>'s changes
    /// applied. The sandbox must not be disposed while the command starts (<see cref="ObjectDisposedException"/>).
    /// </summary>
    public Sandboxing.Sandbox? Sandbox { get; init; }

    internal override IReadOnlyList<Command> Processes => [this];

    /// <summary>A pipeline that feeds <paramref name="first"/>'s stdout into <paramref name="second"/>'s stdin.</summary>
    /// <exception cref="ArgumentException">A command sets a job setting; set those on the pipeline.</exception>
    public static Pipeline operator |(Command first, Command second) => new(first, second);

    /// <summary>The command line, arguments quoted where a shell would need it: <c>sh -c 'echo hi'</c>.</summary>
    public override string ToString() => CommandLine.Format(this);

    /// <summary>The <c>argv</c>: the program, then the arguments.</summary>
    internal string[] Argv() => [Program, .. Arguments];

    /// <summary>
    /// The <c>envp</c> for the spawn: this process's environment, or the sandbox's, with
    /// <see cref="Environment"/>'s changes; null for this process's environment unchanged.
    /// </summary>
    internal IReadOnlyList<string>? EnvironmentBlock()
    {
        if (Environment is null)
            return Sandbox?.Environment;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Sandbox is not null)
        {
            foreach (string variable in Sandbox.Environment)
            {
                int equals = variable.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                    variables[variable[..equals]] = variable[(equals + 1)..];
            }
        }
        else
        {
            foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }
        foreach ((string name, string? value) in Environment)
        {
            if (value is null)
                variables.Remove(name);
            else
                variables[name] = value;
        }
        return [.. variables.Select(variable => variable.Key + "=" + variable.Value)];
    }

    private static string CheckProgram(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The program contains a NUL character.", nameof(program));
        return program;
    }
}
