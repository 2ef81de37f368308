package dev.portajava.builder.internal.launch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ELF files for tests, laid out as a linker lays them out: the ELF header, the program headers, the
 * loader path, then the dynamic string table and the dynamic section in a second {@code PT_LOAD} segment whose
 * addresses differ from its file offsets (so a reader must map {@code DT_STRTAB} through the segments).
 */
public final class TestElf {

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EM_386 = 3;
    public static final int EM_MIPS = 8;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final String LOADER = "/lib64/ld-linux-x86-64.so.2";

    private int bits = 64;
    private boolean bigEndian;
    private int machine = EM_X86_64;
    private int type = ET_EXEC;
    private String interpreter;
    private final List<String> needed = new ArrayList<>();
    private String runpath;
    private String rpath;
    private String soname;

    private TestElf() {
    }

    /** A dynamically linked x86-64 program using {@link #LOADER}. */
    public static TestElf program() {
        return new TestElf().interpreter(LOADER);
    }

    /** A statically linked x86-64 program: no loader, no dynamic section. */
    public static TestElf staticProgram() {
        return new TestElf();
    }

    /** An x86-64 shared library. */
    public static TestElf library(String soname) {
        return new TestElf().type(ET_DYN).soname(soname);
    }

    /** The x86-64 loader, a shared object named {@code ld-linux-x86-64.so.2}. */
    public static TestElf loader() {
        return library("ld-linux-x86-64.so.2");
    }

    public TestElf bits(int value) {
        bits = value;
        return this;
    }

    public TestElf bigEndian() {
        bigEndian = true;
        return this;
    }

    public TestElf machine(int value) {
        machine = value;
        return this;
    }

    public TestElf type(int value) {
        type = value;
        return this;
    }

    public TestElf interpreter(String path) {
        interpreter = path;
        return this;
    }

    public TestElf needs(String... names) {
        needed.addAll(List.of(names));
        return this;
    }

    public TestElf runpath(String value) {
        runpath = value;
        return this;
    }

    public TestElf rpath(String value) {
        rpath = value;
        return this;
    }

    public TestElf soname(String value) {
        soname = value;
        return this;
    }

    public byte[] bytes() {
        boolean wide = bits == 64;
        int ehsize = wide ? 64 : 52;
        int phentsize = wide ? 56 : 32;
        boolean dynamic = !needed.isEmpty() || runpath != null || rpath != null || soname != null;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 2 : 0);
        byte[] interp = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        int interpOffset = ehsize + phnum * phentsize;
        int strtabOffset = align(interpOffset + interp.length, 8);

        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        Map<long[], String> entries = new LinkedHashMap<>();
        needed.forEach(n -> entries.put(new long[] {1}, n));
        if (soname != null) {
            entries.put(new long[] {14}, soname);
        }
        if (rpath != null) {
            entries.put(new long[] {15}, rpath);
        }
        if (runpath != null) {
            entries.put(new long[] {29}, runpath);
        }
        List<long[]> dyn = new ArrayList<>();
        for (Map.Entry<long[], String> e : entries.entrySet()) {
            dyn.add(new long[] {e.getKey()[0], strtab.size()});
            strtab.writeBytes((e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        long dataVaddr = 0x600000L + strtabOffset;
        int dynOffset = align(strtabOffset + strtab.size(), 8);
        dyn.add(new long[] {5, dataVaddr});            // DT_STRTAB
        dyn.add(new long[] {10, strtab.size()});       // DT_STRSZ
        dyn.add(new long[] {0, 0});                    // DT_NULL
        int dynSize = dyn.size() * (wide ? 16 : 8);
        int total = dynamic ? dynOffset + dynSize : align(interpOffset + interp.length, 8) + 16;

        ByteBuffer b = ByteBuffer.allocate(total).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        if (wide) {
            b.putLong(0x401000L).putLong(ehsize).putLong(0).putInt(0);
        } else {
            b.putInt(0x401000).putInt(ehsize).putInt(0).putInt(0);
        }
        b.putShort((short) ehsize).putShort((short) phentsize).putShort((short) phnum)
                .putShort((short) (wide ? 64 : 40)).putShort((short) 0).putShort((short) 0);
        int firstLoadSize = dynamic ? strtabOffset : total;
        phdr(b, 1, 0, 0x400000L, firstLoadSize, 5);
        if (interpreter != null) {
            phdr(b, 3, interpOffset, 0x400000L + interpOffset, interp.length, 4);
        }
        if (dynamic) {
            phdr(b, 1, strtabOffset, dataVaddr, total - strtabOffset, 6);
            phdr(b, 2, dynOffset, dataVaddr + (dynOffset - strtabOffset), dynSize, 6);
        }
        b.position(interpOffset);
        b.put(interp);
        if (dynamic) {
            b.position(strtabOffset);
            b.put(strtab.toByteArray());
            b.position(dynOffset);
            for (long[] d : dyn) {
                if (wide) {
                    b.putLong(d[0]).putLong(d[1]);
                } else {
                    b.putInt((int) d[0]).putInt((int) d[1]);
                }
            }
        }
        return b.array();
    }

    private void phdr(ByteBuffer b, int ptype, long offset, long vaddr, long size, int flags) {
        if (bits == 64) {
            b.putInt(ptype).putInt(flags).putLong(offset).putLong(vaddr).putLong(vaddr).putLong(size).putLong(size)
                    .putLong(8);
        } else {
            b.putInt(ptype).putInt((int) offset).putInt((int) vaddr).putInt((int) vaddr).putInt((int) size)
                    .putInt((int) size).putInt(flags).putInt(8);
        }
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }
}
