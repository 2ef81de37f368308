package dev.portajava.builder.internal.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories a loader searches by itself, after a program's own search paths. glibc's are built in and differ
 * between distributions (Debian: the multiarch directories and {@code /lib}, {@code /usr/lib}; Fedora:
 * {@code /lib64}, {@code /usr/lib64}); all of them are taken, and a library of another class or machine is skipped,
 * as the loader skips it. musl's are {@code /etc/ld-musl-ARCH.path}, else {@code /lib:/usr/local/lib:/usr/lib}.
 */
final class SystemLibraryDirectories {

    private static final String MUSL_LOADER = "ld-musl-";
    private static final String MUSL_DEFAULT = "/lib:/usr/local/lib:/usr/lib";

    /** Debian's multiarch tuples, by machine and class (a library of the other byte order is skipped). */
    private static final Map<String, List<String>> TUPLES = Map.ofEntries(
            Map.entry(ElfFile.EM_X86_64 + "/64", List.of("x86_64-linux-gnu")),
            Map.entry(ElfFile.EM_X86_64 + "/32", List.of("x86_64-linux-gnux32")),
            Map.entry(ElfFile.EM_386 + "/32", List.of("i386-linux-gnu")),
            Map.entry(ElfFile.EM_AARCH64 + "/64", List.of("aarch64-linux-gnu")),
            Map.entry(ElfFile.EM_ARM + "/32", List.of("arm-linux-gnueabihf", "arm-linux-gnueabi")),
            Map.entry(ElfFile.EM_PPC64 + "/64", List.of("powerpc64le-linux-gnu", "powerpc64-linux-gnu")),
            Map.entry(ElfFile.EM_PPC + "/32", List.of("powerpc-linux-gnu")),
            Map.entry(ElfFile.EM_S390 + "/64", List.of("s390x-linux-gnu")),
            Map.entry(ElfFile.EM_RISCV + "/64", List.of("riscv64-linux-gnu")),
            Map.entry(ElfFile.EM_MIPS + "/64", List.of("mips64el-linux-gnuabi64", "mips64-linux-gnuabi64")),
            Map.entry(ElfFile.EM_MIPS + "/32", List.of("mipsel-linux-gnu", "mips-linux-gnu")),
            Map.entry(ElfFile.EM_LOONGARCH + "/64", List.of("loongarch64-linux-gnu")),
            Map.entry(ElfFile.EM_SPARCV9 + "/64", List.of("sparc64-linux-gnu")));

    private SystemLibraryDirectories() {
    }

    /** Whether the loader at {@code interpreter} is musl's ({@code /lib/ld-musl-x86_64.so.1}). */
    static boolean isMusl(String interpreter) {
        return interpreter.substring(interpreter.lastIndexOf('/') + 1).startsWith(MUSL_LOADER);
    }

    /** The file musl reads its search path from, for the loader at {@code interpreter}. */
    static String muslPathFile(String interpreter) {
        String name = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        String arch = name.substring(MUSL_LOADER.length()).replaceFirst("\\.so\\.1$", "");
        return "/etc/" + MUSL_LOADER + arch + ".path";
    }

    static String muslDefault() {
        return MUSL_DEFAULT;
    }

    /** glibc's built-in directories for a program of this class and machine, the most specific first. */
    static List<String> glibc(ElfFile program) {
        List<String> dirs = new ArrayList<>();
        for (String tuple : TUPLES.getOrDefault(program.machine() + "/" + program.bits(), List.of())) {
            dirs.add("/lib/" + tuple);
            dirs.add("/usr/lib/" + tuple);
        }
        String suffix = program.bits() == 64 ? "64"
                : program.machine() == ElfFile.EM_X86_64 ? "x32" : "32";
        dirs.addAll(List.of("/lib" + suffix, "/usr/lib" + suffix, "/lib", "/usr/lib"));
        return dirs;
    }
}
