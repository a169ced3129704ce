namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>A fresh folder under the temporary folder for one test, removed with everything in it.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("spawn-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in this folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="contents"/> to a new file <paramref name="name"/> and returns its path.</summary>
    public string CreateFile(string name, string contents)
    {
        string path = this[name];
        File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
