namespace Spawn.Package.Tests;

/// <summary>Runs the <c>dotnet</c> CLI as a user would.</summary>
internal static class DotnetCli
{
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ExternalProgram.Run("dotnet", workingDirectory, timeout, arguments);
}
