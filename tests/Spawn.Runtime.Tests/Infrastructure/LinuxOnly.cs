using System.Runtime.Versioning;

// The runtime under test is Linux-only (pidfd, clone3, cgroup2), and so is every test here.
[assembly: SupportedOSPlatform("linux")]
