namespace Spawn.Sandboxing;

/// <summary>What <see cref="SandboxProfile.Compile()"/> does with a restriction the kernel's Landlock ABI cannot enforce.</summary>
public enum UnenforceableRights
{
    /// <summary>Fail with a <see cref="SandboxException"/> that names the rights and the ABI they need.</summary>
    Fail = 0,
    /// <summary>Leave them out (best effort) and list them in <see cref="LandlockEnforcement"/>.</summary>
    Drop = 1,
}
