namespace Spawn;

/// <summary>What a file action does: the <c>posix_spawn_file_actions_add*</c> family.</summary>
public enum SpawnFileActionKind
{
    /// <summary><c>posix_spawn_file_actions_addopen</c>.</summary>
    Open = 1,
    /// <summary><c>posix_spawn_file_actions_addclose</c>.</summary>
    Close = 2,
    /// <summary><c>posix_spawn_file_actions_adddup2</c>.</summary>
    Dup2 = 3,
    /// <summary><c>posix_spawn_file_actions_addchdir_np</c>.</summary>
    Chdir = 4,
    /// <summary><c>posix_spawn_file_actions_addfchdir_np</c>.</summary>
    Fchdir = 5,
    /// <summary><c>posix_spawn_file_actions_addclosefrom_np</c>.</summary>
    CloseFrom = 6,
    /// <summary><c>posix_spawn_file_actions_addtcsetpgrp_np</c>.</summary>
    TcSetPgrp = 7,
}
