namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// The test assembly's entry point (ForkTests.targets turns off the generated empty one):
/// <c>dotnet Spawn.Runtime.Tests.dll fork-stress N</c> runs <see cref="ForkStress"/> and prints its
/// result line, so a test can run the stress under runtime settings of its own
/// (<c>DOTNET_EnableWriteXorExecute=0</c>).
/// </summary>
internal static class ForkStressProgram
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "fork-stress" || !int.TryParse(args[1], out int forks))
        {
            Console.Error.WriteLine("usage: Spawn.Runtime.Tests fork-stress FORKS");
            return 2;
        }

        Console.WriteLine(ForkStress.Run(forks));
        return 0;
    }
}
