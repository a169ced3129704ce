using System.Buffers.Binary;
using System.Text;

namespace Spawn.Package.Tests.Cores;

/// <summary>One version a shared library needs from another (an ELF Vernaux entry), and its symbols.</summary>
internal sealed record VersionNeed(string File, string Version, bool Weak, IReadOnlyList<string> Symbols);

/// <summary>
/// Reads the version needs of a 64-bit little-endian ELF shared library (x86-64, aarch64) from its
/// sections: .gnu.version_r (Verneed and Vernaux entries), and .gnu.version with .dynsym for the
/// symbols that need each version. The same table the dynamic loader checks when it loads the
/// library ("version `GLIBC_2.34' not found"), read without binutils.
/// </summary>
internal static class ElfVersionNeeds
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlagWeak = 0x2;

    private readonly record struct Section(uint Type, int Offset, int Size, int Link);

    public static IReadOnlyList<VersionNeed> Read(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{path} is not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");

        int sectionTable = checked((int)U64(elf, 0x28));
        int sectionSize = U16(elf, 0x3a);
        int sectionCount = U16(elf, 0x3c);
        var sections = new Section[sectionCount];
        for (int i = 0; i < sectionCount; i++)
        {
            int at = sectionTable + (i * sectionSize);
            sections[i] = new Section(U32(elf, at + 4), checked((int)U64(elf, at + 0x18)), checked((int)U64(elf, at + 0x20)), (int)U32(elf, at + 0x28));
        }

        Section verneed = sections.SingleOrDefault(s => s.Type == ShtGnuVerneed);
        if (verneed.Type == 0)
            return [];
        Section dynsym = sections.Single(s => s.Type == ShtDynsym);
        Section versym = sections.Single(s => s.Type == ShtGnuVersym);

        // Which symbols each version index stands for (.gnu.version runs parallel to .dynsym).
        var symbolsByVersion = new Dictionary<int, List<string>>();
        int symbolCount = dynsym.Size / 24;
        for (int i = 1; i < symbolCount; i++)
        {
            int index = U16(elf, versym.Offset + (2 * i)) & 0x7fff;
            string name = Text(elf, sections[dynsym.Link], U32(elf, dynsym.Offset + (24 * i)));
            if (!symbolsByVersion.TryGetValue(index, out List<string>? names))
                symbolsByVersion[index] = names = [];
            names.Add(name);
        }

        var needs = new List<VersionNeed>();
        Section strings = sections[verneed.Link];
        int entry = verneed.Offset;
        while (true)
        {
            int auxCount = U16(elf, entry + 2);
            string file = Text(elf, strings, U32(elf, entry + 4));
            int aux = entry + (int)U32(elf, entry + 8);
            for (int i = 0; i < auxCount; i++)
            {
                ushort flags = U16(elf, aux + 4);
                int index = U16(elf, aux + 6);
                string version = Text(elf, strings, U32(elf, aux + 8));
                needs.Add(new VersionNeed(file, version, (flags & VerFlagWeak) != 0,
                    symbolsByVersion.TryGetValue(index, out List<string>? names) ? names : []));
                aux += (int)U32(elf, aux + 12);
            }
            uint next = U32(elf, entry + 12);
            if (next == 0)
                break;
            entry += (int)next;
        }
        return needs;
    }

    private static ushort U16(byte[] elf, int at) => BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(at));

    private static uint U32(byte[] elf, int at) => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(at));

    private static ulong U64(byte[] elf, int at) => BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(at));

    private static string Text(byte[] elf, Section strings, uint offset)
    {
        int start = strings.Offset + (int)offset;
        int end = Array.IndexOf(elf, (byte)0, start);
        return Encoding.ASCII.GetString(elf, start, end - start);
    }
}
