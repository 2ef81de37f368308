package dev.portajava.builder.internal.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the program headers and the dynamic section of an ELF file (32 or 64 bits, either byte order) without
 * trusting it: every offset and size is checked against the file before it is read, every read is bounded, and
 * anything that does not fit gives a {@link MalformedElfException}. Section headers are never read: the kernel and
 * the loader do not use them either.
 */
public final class ElfReader {

    /** The first bytes of every ELF file. */
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    /** As many bytes of program headers as the kernel accepts at most. */
    private static final int MAX_PROGRAM_HEADERS = 65536;
    /** {@code PATH_MAX}: the longest loader path the kernel takes, and the longest string read here. */
    private static final int MAX_STRING = 4096;
    private static final int MAX_DYNAMIC_ENTRIES = 16384;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int DT_NULL = 0;
    private static final int DT_NEEDED = 1;
    private static final int DT_STRTAB = 5;
    private static final int DT_SONAME = 14;
    private static final int DT_RPATH = 15;
    private static final int DT_RUNPATH = 29;

    private final SeekableByteChannel channel;
    private final long size;
    private ByteOrder order;
    private boolean wide;

    private ElfReader(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    /** Whether {@code head}, the first bytes of a file, starts like an ELF file. */
    public static boolean isElf(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads what starting the ELF file in {@code channel} needs. */
    public static ElfFile read(SeekableByteChannel channel) throws MalformedElfException, IOException {
        return new ElfReader(channel).read();
    }

    private record Segment(long type, long offset, long vaddr, long filesz) {
    }

    private ElfFile read() throws MalformedElfException, IOException {
        ByteBuffer ident = bytes(0, 16, "the ELF identification");
        if (!isElf(new byte[] {ident.get(0), ident.get(1), ident.get(2), ident.get(3)})) {
            throw new MalformedElfException("not an ELF file");
        }
        int elfClass = ident.get(4);
        int data = ident.get(5);
        if (elfClass != 1 && elfClass != 2) {
            throw new MalformedElfException("unknown ELF class " + elfClass);
        }
        if (data != 1 && data != 2) {
            throw new MalformedElfException("unknown ELF byte order " + data);
        }
        wide = elfClass == 2;
        order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer header = bytes(0, wide ? 64 : 52, "the ELF header");
        int type = Short.toUnsignedInt(header.getShort(16));
        int machine = Short.toUnsignedInt(header.getShort(18));
        long phoff = wide ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
        int phentsize = Short.toUnsignedInt(header.getShort(wide ? 54 : 42));
        int phnum = Short.toUnsignedInt(header.getShort(wide ? 56 : 44));
        if (phentsize != (wide ? 56 : 32)) {
            throw new MalformedElfException("program header entries of " + phentsize + " bytes");
        }
        if (phnum == 0 || phnum * phentsize > MAX_PROGRAM_HEADERS) {
            throw new MalformedElfException(phnum + " program headers");
        }
        List<Segment> segments = segments(bytes(phoff, phnum * phentsize, "the program headers"), phnum);
        Optional<Segment> interp = segments.stream().filter(s -> s.type() == PT_INTERP).findFirst();
        Optional<String> interpreter = interp.isEmpty() ? Optional.empty() : Optional.of(interpreter(interp.get()));
        Optional<Segment> dynamic = segments.stream().filter(s -> s.type() == PT_DYNAMIC).findFirst();
        Dynamic dyn = dynamic.isEmpty() ? new Dynamic() : dynamic(dynamic.get(), segments);
        return new ElfFile(wide ? 64 : 32, order == ByteOrder.BIG_ENDIAN, type, machine, interpreter, dyn.needed,
                dyn.runpath, dyn.rpath, dyn.soname);
    }

    private List<Segment> segments(ByteBuffer table, int count) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = i * (wide ? 56 : 32);
            long type = Integer.toUnsignedLong(table.getInt(at));
            segments.add(wide
                    ? new Segment(type, table.getLong(at + 8), table.getLong(at + 16), table.getLong(at + 32))
                    : new Segment(type, u32(table, at + 4), u32(table, at + 8), u32(table, at + 16)));
        }
        return segments;
    }

    /** The loader path: as the kernel wants it, at most {@code PATH_MAX} bytes and ending in a NUL. */
    private String interpreter(Segment interp) throws MalformedElfException, IOException {
        if (Long.compareUnsigned(interp.filesz(), 2) < 0 || Long.compareUnsigned(interp.filesz(), MAX_STRING) > 0) {
            throw new MalformedElfException("an interpreter path of " + Long.toUnsignedString(interp.filesz())
                    + " bytes");
        }
        ByteBuffer path = bytes(interp.offset(), (int) interp.filesz(), "the interpreter path");
        if (path.get(path.limit() - 1) != 0) {
            throw new MalformedElfException("an interpreter path without its terminating NUL");
        }
        return cString(path);
    }

    private static final class Dynamic {
        final List<String> needed = new ArrayList<>();
        Optional<String> runpath = Optional.empty();
        Optional<String> rpath = Optional.empty();
        Optional<String> soname = Optional.empty();
    }

    private Dynamic dynamic(Segment segment, List<Segment> segments) throws MalformedElfException, IOException {
        int entry = wide ? 16 : 8;
        long count = Long.divideUnsigned(segment.filesz(), entry);
        int read = (int) Math.min(count, MAX_DYNAMIC_ENTRIES);
        ByteBuffer table = bytes(segment.offset(), read * entry, "the dynamic section");
        List<long[]> strings = new ArrayList<>();
        Long strtab = null;
        for (int i = 0; i < read; i++) {
            long tag = wide ? table.getLong(i * entry) : u32(table, i * entry);
            long value = wide ? table.getLong(i * entry + 8) : u32(table, i * entry + 4);
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_STRTAB) {
                strtab = value;
            } else if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                strings.add(new long[] {tag, value});
            }
        }
        Dynamic dynamic = new Dynamic();
        if (strings.isEmpty()) {
            return dynamic;
        }
        if (strtab == null) {
            throw new MalformedElfException("a dynamic section without a string table");
        }
        Segment load = loadSegment(strtab, segments);
        long tableOffset = load.offset() + (strtab - load.vaddr());
        long tableEnd = load.offset() + load.filesz();
        for (long[] string : strings) {
            String value = string(tableOffset, tableEnd, string[1]);
            switch ((int) string[0]) {
                case DT_NEEDED -> dynamic.needed.add(value);
                case DT_SONAME -> dynamic.soname = Optional.of(value);
                case DT_RPATH -> dynamic.rpath = Optional.of(value);
                default -> dynamic.runpath = Optional.of(value);
            }
        }
        return dynamic;
    }

    /** The {@code PT_LOAD} segment whose bytes in the file hold the address {@code vaddr}. */
    private Segment loadSegment(long vaddr, List<Segment> segments) throws MalformedElfException {
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && Long.compareUnsigned(vaddr, s.vaddr()) >= 0
                    && Long.compareUnsigned(vaddr - s.vaddr(), s.filesz()) < 0
                    && Long.compareUnsigned(s.offset(), size) <= 0
                    && Long.compareUnsigned(s.filesz(), size - s.offset()) <= 0) {
                return s;
            }
        }
        throw new MalformedElfException("a string table at 0x" + Long.toHexString(vaddr)
                + " that no loaded segment of the file holds");
    }

    /** The NUL-terminated string at {@code index} of the string table at {@code table}, which ends by {@code end}. */
    private String string(long table, long end, long index) throws MalformedElfException, IOException {
        if (Long.compareUnsigned(index, end - table) >= 0) {
            throw new MalformedElfException("a dynamic string at " + Long.toUnsignedString(index)
                    + " beyond its string table");
        }
        long start = table + index;
        int length = (int) Math.min(MAX_STRING, end - start);
        ByteBuffer bytes = bytes(start, length, "a dynamic string");
        for (int i = 0; i < length; i++) {
            if (bytes.get(i) == 0) {
                return cString(bytes);
            }
        }
        throw new MalformedElfException("a dynamic string without its terminating NUL");
    }

    private static String cString(ByteBuffer bytes) {
        int end = 0;
        while (end < bytes.limit() && bytes.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end];
        bytes.get(0, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private static long u32(ByteBuffer buffer, int at) {
        return Integer.toUnsignedLong(buffer.getInt(at));
    }

    /** Exactly {@code length} bytes at {@code offset}, which must lie in the file. */
    private ByteBuffer bytes(long offset, int length, String what) throws MalformedElfException, IOException {
        if (offset < 0 || offset > size || length > size - offset) {
            throw new MalformedElfException("the file (" + size + " bytes) ends before " + what + " (" + length
                    + " bytes at " + Long.toUnsignedString(offset) + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
        channel.position(offset);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new MalformedElfException(what + " cut short");
            }
        }
        return buffer.flip();
    }
}
