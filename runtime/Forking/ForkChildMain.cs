namespace Spawn.Forking;

/// <summary>
/// The child of <see cref="Fork.Run{TState}(ForkChildMain{TState}, ref TState, ForkNpArgs, ForkOptions, out ForkReport)"/>:
/// a static method marked <c>[MethodImpl(MethodImplOptions.AggressiveOptimization)]</c> that runs in
/// the forked child, uses only <see cref="ForkChild"/> and other async-signal-safe code, and returns
/// the child's exit status (usually after a failed exec).
/// </summary>
/// <typeparam name="TState">What the parent prepared for the child (descriptors, <see cref="ExecArguments"/>, ...).</typeparam>
/// <param name="state">The parent's state, as a copy in the child's memory.</param>
/// <returns>The exit status the child ends with.</returns>
public delegate int ForkChildMain<TState>(ref TState state)
    where TState : struct;
