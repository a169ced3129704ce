using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// Spawns a job's processes: the pipes (<see cref="StandardPipes"/> for the job's own streams, a
/// <see cref="PipeEnds"/> between stages), one set of file actions and attributes per process, and,
/// for <see cref="Job.KillOnParentExit"/>, the spawns on the <see cref="ParentDeathSpawnThread"/>.
/// </summary>
internal static class JobLauncher
{
    /// <summary>Starts every process of <paramref name="job"/>; on failure kills and reaps those started and throws.</summary>
    /// <param name="job">The job.</param>
    /// <param name="pipeOutput">Read stdout and stderr (unless redirected) through pipes.</param>
    internal static RunningJob Start(Job job, bool pipeOutput)
    {
        StandardStreams streams = (job.Input.IsPiped ? StandardStreams.Input : 0)
            | (pipeOutput && job.Output == OutputRedirection.Default ? StandardStreams.Output : 0)
            | (pipeOutput && job.Error == OutputRedirection.Default ? StandardStreams.Error : 0);
        var running = new RunningJob(job, StandardPipes.Create(streams));
        IReadOnlyList<Command> processes = job.Processes;
        var links = new PipeEnds[processes.Count - 1];
        try
        {
            for (int i = 0; i < links.Length; i++)
                links[i] = PipeEnds.Create();
            if (job.KillOnParentExit)
                ParentDeathSpawnThread.Run(() => SpawnAll(job, running, links));
            else
                SpawnAll(job, running, links);
            running.Pipes.CloseChildEnds();
            return running;
        }
        catch
        {
            running.Dispose();
            throw;
        }
        finally
        {
            foreach (PipeEnds? link in links)
                link?.Dispose();
        }
    }

    private static void SpawnAll(Job job, RunningJob running, PipeEnds[] links)
    {
        IReadOnlyList<Command> processes = job.Processes;
        for (int i = 0; i < processes.Count; i++)
        {
            Command command = processes[i];
            SpawnFileActions actions = Actions(job, running.Pipes, links, i);
            // The stop signal starts at its default disposition: a parent run as a shell's background job
            // ignores SIGINT, the ignoring survives exec, and the stop would wait out the grace period.
            using var attributes = new SpawnAttributes { DefaultSignals = SignalSet.Of(Signals.SIGPIPE, job.Stop.Signal) };
            if (job.HasOwnProcessGroup)
                attributes.ProcessGroup = running.ProcessGroup;
            if (job.Cgroup is not null)
                attributes.Cgroup = job.Cgroup.Handle;
            command.Sandbox?.AppendTo(actions);
            running.Add(Spawn(command, actions, attributes, i, processes.Count));
        }
    }

    /// <summary>Process <paramref name="index"/>'s spawn; a sandbox's Landlock ruleset stays open until its child has restricted itself.</summary>
    private static PidFd Spawn(Command command, SpawnFileActions actions, SpawnAttributes attributes, int index, int count)
    {
        bool added = false;
        try
        {
            command.Sandbox?.Enter(ref added);
            if (!Spawner.TryPidFdSpawnP(command.Program, actions, attributes, command.Argv(), command.EnvironmentBlock(),
                                        out PidFd? process, out SpawnError error))
                throw error.ToException(command.Program, count == 1 ? 0 : index + 1, count);
            return process;
        }
        finally
        {
            command.Sandbox?.Exit(added);
        }
    }

    /// <summary>
    /// Process <paramref name="index"/>'s file actions: the parent-death signal first, then stdin, stderr
    /// (before stdout, so that <c>2&gt;&amp;1</c> onto an inherited stdout copies this process's descriptor 1),
    /// stdout, every other descriptor closed, and the working directory last, so that a stdin file's
    /// relative path is this process's.
    /// </summary>
    private static SpawnFileActions Actions(Job job, StandardPipes pipes, PipeEnds[] links, int index)
    {
        var actions = new SpawnFileActions();
        bool first = index == 0;
        bool last = index == links.Length;
        if (job.KillOnParentExit)
            actions.AddParentDeathSignal(Signals.SIGKILL);

        if (!first)
            actions.AddDup2(Descriptor(links[index - 1].ReadEnd), 0);
        else if (job.Input.IsPiped)
            actions.AddDup2(pipes.ChildDescriptor(0), 0);
        else if (job.Input.Kind == StandardInputKind.File)
            actions.AddOpen(0, job.Input.Path!, OpenFlags.O_RDONLY, 0);
        else if (job.Input.Kind == StandardInputKind.Null)
            actions.AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0);

        if (pipes.Error is not null)
            actions.AddDup2(pipes.ChildDescriptor(2), 2);
        else if (job.Error == OutputRedirection.Discard || (job.Error == OutputRedirection.ToOutput && job.Output == OutputRedirection.Discard))
            actions.AddOpen(2, "/dev/null", OpenFlags.O_WRONLY, 0);
        else if (job.Error == OutputRedirection.ToOutput)
            actions.AddDup2(pipes.Output is not null ? pipes.ChildDescriptor(1) : 1, 2);

        if (!last)
            actions.AddDup2(Descriptor(links[index].WriteEnd), 1);
        else if (pipes.Output is not null)
            actions.AddDup2(pipes.ChildDescriptor(1), 1);
        else if (job.Output == OutputRedirection.Discard)
            actions.AddOpen(1, "/dev/null", OpenFlags.O_WRONLY, 0);

        // Only 0, 1 and 2 reach the program: a descriptor this process opened without O_CLOEXEC (or
        // inherited so) would otherwise leak into every job, and hold a pipe open for a grandchild.
        // A sandbox closes them itself, after its Landlock step has used the ruleset's descriptor.
        if (job.Processes[index].Sandbox is null)
            actions.AddCloseFrom(3);
        if (job.Processes[index].WorkingDirectory is string folder)
            actions.AddChdir(folder);
        return actions;
    }

    private static int Descriptor(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
