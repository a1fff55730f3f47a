using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Trainscope.Following;

/// <summary>
/// Which file a path or open handle refers to (device and inode), so a follower can tell an append from a rotation
/// (same path, different file) and recognise a renamed file it already follows. Unknown (null) where the platform does
/// not say; followers then fall back to length and first-bytes fingerprints.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    // st_dev and st_ino lead `struct stat` as two 64-bit fields on Linux x86-64 and arm64; other layouts are not read.
    private const int StatBufferSize = 256;
    private static readonly bool Supported = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    private static bool _unavailable;

    public static FileIdentity? Of(string path)
    {
        if (!Supported || _unavailable)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatBufferSize];
        try
        {
            return Stat(path, ref MemoryMarshal.GetReference(buffer)) == 0 ? Read(buffer) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    public static FileIdentity? Of(SafeFileHandle handle)
    {
        if (!Supported || _unavailable || handle.IsInvalid || handle.IsClosed)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatBufferSize];
        try
        {
            return FStat((int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(buffer)) == 0 ? Read(buffer) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    private static FileIdentity Read(ReadOnlySpan<byte> buffer)
        => new(MemoryMarshal.Read<ulong>(buffer), MemoryMarshal.Read<ulong>(buffer[8..]));

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);

    [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static extern int FStat(int fd, ref byte buffer);
}
