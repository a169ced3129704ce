// Drives an interactive shell through a pseudo-terminal: the shell sees a terminal on stdin,
// stdout and stderr, so it prompts, and ls colours its listing. Everything is bounded by one
// timeout; the sample exits with 1 if something did not come out as expected.
using Spawn;
using Spawn.TerminalSample;
using Spawn.Terminals;

const string Prompt = "sample$ ";
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

string folder = Directory.CreateTempSubdirectory("spawn-terminal-sample-").FullName;
Directory.CreateDirectory(Path.Combine(folder, "reports"));
File.WriteAllText(Path.Combine(folder, "notes.txt"), "");

// ENV= keeps the shell from reading a start-up file that could change the prompt; TERM says what
// the terminal understands.
string[] environment =
[
    $"PS1={Prompt}", "ENV=", "TERM=xterm-256color", $"PATH={Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"}",
];
using var terminal = Terminal.Spawn("sh", ["sh", "-i"], new TerminalOptions { Size = new TerminalSize(30, 100) }, envp: environment);
var shell = new ShellSession(terminal, Prompt);
bool ok = true;
try
{
    await shell.WaitForPromptAsync(timeout.Token);
    Console.WriteLine($"shell {terminal.Process!.Pid} on {terminal.FollowerPath}");

    string tty = await shell.RunAsync("tty", timeout.Token);
    Console.WriteLine($"tty: {tty.Trim()}");
    ok &= tty.Trim() == terminal.FollowerPath;

    string size = await shell.RunAsync("stty size", timeout.Token);
    terminal.Resize(new TerminalSize(40, 120));
    string resized = await shell.RunAsync("stty size", timeout.Token);
    Console.WriteLine($"stty size: {size.Trim()}, after the resize: {resized.Trim()}");
    ok &= size.Trim() == "30 100" && resized.Trim() == "40 120";

    string listing = await shell.RunAsync($"cd '{folder}' && ls --color=auto", timeout.Token);
    Console.WriteLine("ls --color=auto, escape sequences shown as \\e:");
    Console.WriteLine("  " + listing.Replace("\u001b", "\\e", StringComparison.Ordinal).TrimEnd());
    ok &= listing.Contains('\u001b') && listing.Contains("reports", StringComparison.Ordinal);

    await terminal.Leader.WriteAsync("exit 3\n"u8.ToArray(), timeout.Token);
    ExitStatus status = await terminal.Process.WaitForExitAsync(timeout.Token);
    Console.WriteLine($"shell {status}");
    ok &= status.ExitCode == 3;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("timed out; the terminal hangs up when disposed, which ends the shell");
    ok = false;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(ok ? "ok" : "FAILED");
return ok ? 0 : 1;
