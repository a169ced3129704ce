namespace Spawn.Streams;

/// <summary>What <see cref="OutputCapture.RunAsync"/> got from a command: how it ended and what it wrote.</summary>
/// <param name="Status">How the command ended.</param>
/// <param name="StandardOutput">Everything it wrote to stdout, decoded as UTF-8.</param>
/// <param name="StandardError">Everything it wrote to stderr, decoded as UTF-8.</param>
public sealed record CapturedOutput(ExitStatus Status, string StandardOutput, string StandardError);
