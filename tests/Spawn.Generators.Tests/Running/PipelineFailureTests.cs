using Spawn.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// A generated pipeline whose stage fails to spawn names the stage and leaves nothing behind: the
/// stages already started killed and reaped, every link closed. This process's descriptors and
/// children are counted before and after, so these tests run alone (<see cref="PipelineFailureCollection"/>).
/// </summary>
[Collection(PipelineFailureCollection.Name)]
public sealed class PipelineFailureTests(ITestOutputHelper output)
{
    [Fact]
    public void An_exec_failure_in_stage_2_names_the_stage_and_leaves_no_child_and_no_descriptor()
    {
        Assert.Throws<SpawnException>(() => PipelineSpecs.MissingFirst()); // warm up what the first call opens for good (the native library, ...)
        ProcessResources before = ProcessResources.Capture();

        SpawnException error = Assert.Throws<SpawnException>(() => PipelineSpecs.MissingMiddle("program"));

        ProcessResources after = ProcessResources.Capture();
        output.WriteLine(error.Message);
        Assert.Equal("pipeline stage 2 of 3: exec", error.Operation);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal("/nonexistent/program", error.Path);
        Assert.Empty(after.DescribeAdditionsTo(before)); // stage 1 (sleep 100) killed and reaped, both links closed
    }

    [Fact]
    public void An_exec_failure_in_stage_1_names_it_and_leaves_nothing()
    {
        Assert.Throws<SpawnException>(() => PipelineSpecs.MissingFirst());
        ProcessResources before = ProcessResources.Capture();

        SpawnException error = Assert.Throws<SpawnException>(() => PipelineSpecs.MissingFirst());

        Assert.Equal("pipeline stage 1 of 2: exec", error.Operation);
        Assert.Empty(ProcessResources.Capture().DescribeAdditionsTo(before));
    }
}

/// <summary>Runs <see cref="PipelineFailureTests"/> after the other tests, not beside them, whose children and pipes would count as leaks.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineFailureCollection
{
    public const string Name = "Pipeline failures, counted alone";
}
