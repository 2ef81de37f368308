package dev.portajava.builder.internal.launch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel and the dynamic loader read from an ELF file to start it: its class, byte order and machine, the
 * loader it names ({@code PT_INTERP}) and, from its dynamic section, the libraries it needs ({@code DT_NEEDED}) and
 * where it asks for them to be looked up ({@code DT_RUNPATH}, {@code DT_RPATH}).
 *
 * @param bits 32 or 64
 * @param runpath the {@code DT_RUNPATH} string, if there is one (colon-separated directories)
 * @param rpath the {@code DT_RPATH} string, if there is one
 */
public record ElfFile(int bits, boolean bigEndian, int type, int machine, Optional<String> interpreter,
        List<String> needed, Optional<String> runpath, Optional<String> rpath, Optional<String> soname) {

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;

    static final int EM_386 = 3;
    static final int EM_MIPS = 8;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_SPARCV9 = 43;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;
    static final int EM_LOONGARCH = 258;

    private static final Map<Integer, String> MACHINES = Map.ofEntries(Map.entry(EM_386, "i386"),
            Map.entry(EM_MIPS, "mips"), Map.entry(EM_PPC, "powerpc"), Map.entry(EM_PPC64, "powerpc64"),
            Map.entry(EM_S390, "s390"), Map.entry(EM_ARM, "arm"), Map.entry(EM_SPARCV9, "sparc64"),
            Map.entry(EM_X86_64, "x86-64"), Map.entry(EM_AARCH64, "aarch64"), Map.entry(EM_RISCV, "riscv"),
            Map.entry(EM_LOONGARCH, "loongarch"));

    public ElfFile {
        needed = List.copyOf(needed);
    }

    /** Whether a loader would take {@code other} as a library of this object: same class, byte order and machine. */
    public boolean sameKind(ElfFile other) {
        return bits == other.bits && bigEndian == other.bigEndian && machine == other.machine;
    }

    /** {@code ELF64 x86-64}, {@code ELF32 arm (big endian)}: the kind, for messages. */
    public String kind() {
        return "ELF" + bits + " " + MACHINES.getOrDefault(machine, "machine " + machine)
                + (bigEndian && machine != EM_S390 && machine != EM_SPARCV9 ? " (big endian)" : "");
    }

    /** The type as a file word, for messages: an object file, a core dump. */
    String typeName() {
        return switch (type) {
            case 1 -> "a relocatable object file";
            case ET_EXEC -> "an executable";
            case ET_DYN -> "a shared object";
            case 4 -> "a core dump";
            default -> "of ELF type " + type;
        };
    }
}
