namespace Spawn.Sandboxing;

/// <summary>The architectures a seccomp filter can be compiled for (the <c>AUDIT_ARCH_*</c> it checks).</summary>
public enum SeccompArchitecture
{
    /// <summary>x86-64 (<c>AUDIT_ARCH_X86_64</c>); x32 calls (number bit 30) answer ENOSYS.</summary>
    X64 = 1,
    /// <summary>aarch64 (<c>AUDIT_ARCH_AARCH64</c>).</summary>
    Arm64 = 2,
}
