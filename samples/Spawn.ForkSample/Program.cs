// Runs a program inside a network namespace, as an unprivileged user, with no way back to
// privileges: join the namespace (setns), drop the supplementary groups, the group and the user,
// set no_new_privs, then exec.
//
// The recommended shape runs no managed code in the child: the steps are declared in a
// [SpawnSpec] (NamespaceSpecs.cs) and the C core carries them out between clone and exec. With --managed-child
// the same job runs in a forked .NET child (Fork.Run and the ForkChild toolkit), which the sample
// acknowledges for that one call (SPAWN0109: see docs/fork-safety.md, "Residual risk").
//
// The namespace is made by the sample: a child spawned with unshare(CLONE_NEWNET) holds a fresh
// network namespace (with only a loopback interface, down) for as long as it runs.
using System.Globalization;
using Spawn;
using Spawn.ForkSample;

const uint Nobody = 65534;
bool managedChild = args.Length > 0 && args[0] == "--managed-child";
string[] words = managedChild ? args[1..] : args;
string command = words.Length > 0 ? string.Join(' ', words) : "id; ip -brief link";

using PidFd holder = NamespaceSpecs.HoldNewNetwork();
try
{
    using var network = File.OpenHandle($"/proc/{holder.Pid}/ns/net");
    using PidFd child = managedChild
        ? NamespaceJob.Start((int)network.DangerousGetHandle(), Nobody, Nobody, command)
        : NamespaceSpecs.RunAsNobody(network, command);
    ExitStatus status = child.WaitForExit();
    Console.WriteLine(managedChild && status.Exited && status.ExitCode is >= NamespaceJob.FirstFailure and <= NamespaceJob.LastFailure
        ? $"the child failed at step {NamespaceJob.Describe(status.ExitCode)}"
        : string.Create(CultureInfo.InvariantCulture, $"child {child.Pid} ({(managedChild ? "managed fork child" : "child steps in C")}): {status}"));
    return status.Exited ? status.ExitCode : 128 + status.Signal;
}
catch (SpawnException error)
{
    // A refused step names itself: "file action 3 (setuid): EPERM (Operation not permitted)".
    Console.Error.WriteLine(error.Message);
    return 1;
}
finally
{
    holder.SendSignal(Signals.SIGKILL);
    holder.WaitForExit();
}
