namespace Spawn;

public readonly partial struct Errno
{
    private const string UnknownName = "E?";

    /// <summary><c>EPERM</c> (1): operation not permitted.</summary>
    public static readonly Errno EPERM = new(1);
    /// <summary><c>ENOENT</c> (2): no such file or directory.</summary>
    public static readonly Errno ENOENT = new(2);
    /// <summary><c>ESRCH</c> (3): no such process.</summary>
    public static readonly Errno ESRCH = new(3);
    /// <summary><c>EINTR</c> (4): interrupted system call.</summary>
    public static readonly Errno EINTR = new(4);
    /// <summary><c>EIO</c> (5): input/output error.</summary>
    public static readonly Errno EIO = new(5);
    /// <summary><c>E2BIG</c> (7): argument list too long (also: clone3 arguments larger than the kernel knows).</summary>
    public static readonly Errno E2BIG = new(7);
    /// <summary><c>ENOEXEC</c> (8): exec format error.</summary>
    public static readonly Errno ENOEXEC = new(8);
    /// <summary><c>EBADF</c> (9): bad file descriptor.</summary>
    public static readonly Errno EBADF = new(9);
    /// <summary><c>ECHILD</c> (10): no child to wait for.</summary>
    public static readonly Errno ECHILD = new(10);
    /// <summary><c>EAGAIN</c> (11): resource temporarily unavailable.</summary>
    public static readonly Errno EAGAIN = new(11);
    /// <summary><c>ENOMEM</c> (12): cannot allocate memory.</summary>
    public static readonly Errno ENOMEM = new(12);
    /// <summary><c>EACCES</c> (13): permission denied.</summary>
    public static readonly Errno EACCES = new(13);
    /// <summary><c>EFAULT</c> (14): bad address.</summary>
    public static readonly Errno EFAULT = new(14);
    /// <summary><c>EBUSY</c> (16): device or resource busy.</summary>
    public static readonly Errno EBUSY = new(16);
    /// <summary><c>EEXIST</c> (17): file exists.</summary>
    public static readonly Errno EEXIST = new(17);
    /// <summary><c>ENODEV</c> (19): no such device.</summary>
    public static readonly Errno ENODEV = new(19);
    /// <summary><c>ENOTDIR</c> (20): not a directory.</summary>
    public static readonly Errno ENOTDIR = new(20);
    /// <summary><c>EISDIR</c> (21): is a directory.</summary>
    public static readonly Errno EISDIR = new(21);
    /// <summary><c>EINVAL</c> (22): invalid argument.</summary>
    public static readonly Errno EINVAL = new(22);
    /// <summary><c>ENFILE</c> (23): too many open files in the system.</summary>
    public static readonly Errno ENFILE = new(23);
    /// <summary><c>EMFILE</c> (24): too many open files (RLIMIT_NOFILE).</summary>
    public static readonly Errno EMFILE = new(24);
    /// <summary><c>ENOTTY</c> (25): inappropriate ioctl for device.</summary>
    public static readonly Errno ENOTTY = new(25);
    /// <summary><c>ETXTBSY</c> (26): text file busy.</summary>
    public static readonly Errno ETXTBSY = new(26);
    /// <summary><c>ENOSPC</c> (28): no space left on device.</summary>
    public static readonly Errno ENOSPC = new(28);
    /// <summary><c>ENAMETOOLONG</c> (36): file name too long.</summary>
    public static readonly Errno ENAMETOOLONG = new(36);
    /// <summary><c>ENOSYS</c> (38): function not implemented (the kernel lacks the system call).</summary>
    public static readonly Errno ENOSYS = new(38);
    /// <summary><c>ENOTEMPTY</c> (39): directory not empty.</summary>
    public static readonly Errno ENOTEMPTY = new(39);
    /// <summary><c>ELOOP</c> (40): too many levels of symbolic links.</summary>
    public static readonly Errno ELOOP = new(40);
    /// <summary><c>EREMOTE</c> (66): object is remote; <c>pidfd_getpid</c>: the process is in another pid namespace.</summary>
    public static readonly Errno EREMOTE = new(66);
    /// <summary><c>EOPNOTSUPP</c> (95): operation not supported.</summary>
    public static readonly Errno EOPNOTSUPP = new(95);
    /// <summary><c>ENOTSUP</c>: the same number as <see cref="EOPNOTSUPP"/> on Linux (95), so its <see cref="Name"/> is "EOPNOTSUPP".</summary>
    public static readonly Errno ENOTSUP = new(95);

    // Linux's generic numbering (asm-generic/errno*.h), shared by x86-64 and aarch64.
    private static readonly string?[] s_names =
    [
        null,
        "EPERM",
        "ENOENT",
        "ESRCH",
        "EINTR",
        "EIO",
        "ENXIO",
        "E2BIG",
        "ENOEXEC",
        "EBADF",
        "ECHILD",
        "EAGAIN",
        "ENOMEM",
        "EACCES",
        "EFAULT",
        "ENOTBLK",
        "EBUSY",
        "EEXIST",
        "EXDEV",
        "ENODEV",
        "ENOTDIR",
        "EISDIR",
        "EINVAL",
        "ENFILE",
        "EMFILE",
        "ENOTTY",
        "ETXTBSY",
        "EFBIG",
        "ENOSPC",
        "ESPIPE",
        "EROFS",
        "EMLINK",
        "EPIPE",
        "EDOM",
        "ERANGE",
        "EDEADLK",
        "ENAMETOOLONG",
        "ENOLCK",
        "ENOSYS",
        "ENOTEMPTY",
        "ELOOP",
        null,
        "ENOMSG",
        "EIDRM",
        "ECHRNG",
        "EL2NSYNC",
        "EL3HLT",
        "EL3RST",
        "ELNRNG",
        "EUNATCH",
        "ENOCSI",
        "EL2HLT",
        "EBADE",
        "EBADR",
        "EXFULL",
        "ENOANO",
        "EBADRQC",
        "EBADSLT",
        null,
        "EBFONT",
        "ENOSTR",
        "ENODATA",
        "ETIME",
        "ENOSR",
        "ENONET",
        "ENOPKG",
        "EREMOTE",
        "ENOLINK",
        "EADV",
        "ESRMNT",
        "ECOMM",
        "EPROTO",
        "EMULTIHOP",
        "EDOTDOT",
        "EBADMSG",
        "EOVERFLOW",
        "ENOTUNIQ",
        "EBADFD",
        "EREMCHG",
        "ELIBACC",
        "ELIBBAD",
        "ELIBSCN",
        "ELIBMAX",
        "ELIBEXEC",
        "EILSEQ",
        "ERESTART",
        "ESTRPIPE",
        "EUSERS",
        "ENOTSOCK",
        "EDESTADDRREQ",
        "EMSGSIZE",
        "EPROTOTYPE",
        "ENOPROTOOPT",
        "EPROTONOSUPPORT",
        "ESOCKTNOSUPPORT",
        "EOPNOTSUPP",
        "EPFNOSUPPORT",
        "EAFNOSUPPORT",
        "EADDRINUSE",
        "EADDRNOTAVAIL",
        "ENETDOWN",
        "ENETUNREACH",
        "ENETRESET",
        "ECONNABORTED",
        "ECONNRESET",
        "ENOBUFS",
        "EISCONN",
        "ENOTCONN",
        "ESHUTDOWN",
        "ETOOMANYREFS",
        "ETIMEDOUT",
        "ECONNREFUSED",
        "EHOSTDOWN",
        "EHOSTUNREACH",
        "EALREADY",
        "EINPROGRESS",
        "ESTALE",
        "EUCLEAN",
        "ENOTNAM",
        "ENAVAIL",
        "EISNAM",
        "EREMOTEIO",
        "EDQUOT",
        "ENOMEDIUM",
        "EMEDIUMTYPE",
        "ECANCELED",
        "ENOKEY",
        "EKEYEXPIRED",
        "EKEYREVOKED",
        "EKEYREJECTED",
        "EOWNERDEAD",
        "ENOTRECOVERABLE",
        "ERFKILL",
        "EHWPOISON",
    ];
}
