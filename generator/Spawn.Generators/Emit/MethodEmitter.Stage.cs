namespace Spawn.Generators.Emit;

/// <summary>One stage of a <c>[Pipe]</c> pipeline: the spawn of a single process, handing its pidfd to the pipeline's locals.</summary>
internal sealed partial class MethodEmitter
{
    // The stage this emitter writes, from 0; -1 for a whole method.
    private int _stage = -1;

    /// <summary>
    /// Writes the spawn of stage <paramref name="index"/> in a block of its own (its buffer and locals
    /// are its own): measure, marshal, one call into the C core, release. The pipeline declares
    /// <c>__links</c>, <c>__pidfds</c> and <c>__leader</c>; the stage's model already holds its links and
    /// process group.
    /// </summary>
    public void EmitStage(int index)
    {
        _stage = index;
        writer.Open();
        EmitSpawn();
        writer.Close();
    }

    private void EmitStageHandOut()
    {
        string stage = CSharpLiteral.Int(_stage);
        if (_stage == 0)
        {
            writer.Line("// Unmarshal - Keep the stage's pidfd, and its pid: the process group the other stages join.");
            writer.Line("__leader = __result.Pid;");
        }
        else
        {
            writer.Line("// Unmarshal - Keep the stage's pidfd.");
        }

        // __pidfds[1] = __result.PidFd;
        writer.Line($"__pidfds[{stage}] = __result.PidFd;");
    }
}
