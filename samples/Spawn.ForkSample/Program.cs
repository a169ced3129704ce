// Runs a program inside a network namespace, as an unprivileged user, with no way back to
// privileges: join the namespace (setns), drop the supplementary groups, the group and the user,
// set no_new_privs, then exec. Spawner cannot express this (its attributes and file actions have no
// setns, setgroups, setuid or prctl), so the child is forked with Fork.Run and uses only ForkChild.
//
// The namespace is made by the sample: `unshare --net sleep` holds a fresh network namespace (with
// only a loopback interface, down) for as long as it runs.
using System.Globalization;
using Spawn;
using Spawn.ForkSample;

const uint Nobody = 65534;
string command = args.Length > 0 ? string.Join(' ', args) : "id; ip -brief link";

using PidFd holder = Spawner.PidFdSpawnP("unshare", null, null, ["unshare", "--net", "--", "sleep", "60"], null);
try
{
    using SafeNamespace network = SafeNamespace.OpenNewNetwork(holder.Pid);
    using ExecArguments shell = ExecArguments.Create("/bin/sh", ["sh", "-c", command]);
    var job = new NamespaceJob { NetworkNamespace = network.Fd, User = Nobody, Group = Nobody, Program = shell };

    using PidFd child = Fork.Run(NamespaceJob.Run, ref job);
    ExitStatus status = child.WaitForExit();
    Console.WriteLine(status.Exited && status.ExitCode is >= NamespaceJob.FirstFailure and <= NamespaceJob.LastFailure
        ? $"the child failed at step {NamespaceJob.Describe(status.ExitCode)}"
        : string.Create(CultureInfo.InvariantCulture, $"child {child.Pid}: {status}"));
    return status.Exited ? status.ExitCode : 128 + status.Signal;
}
finally
{
    holder.SendSignal(Signals.SIGKILL);
    holder.WaitForExit();
}
