package dev.portajava.builder.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElfReaderTest {

    static ElfFile read(byte[] bytes) throws Exception {
        return ElfReader.read(new BytesChannel(bytes));
    }

    @Test
    void read_dynamicProgram_givesItsLoaderLibrariesAndSearchPaths() throws Exception {
        ElfFile elf = read(TestElf.program().needs("libssl.so.3", "libc.so.6").runpath("$ORIGIN/../lib:/opt/lib")
                .rpath("/old").bytes());

        assertEquals(64, elf.bits());
        assertFalse(elf.bigEndian());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertEquals("ELF64 x86-64", elf.kind());
        assertEquals(Optional.of(TestElf.LOADER), elf.interpreter());
        assertEquals(List.of("libssl.so.3", "libc.so.6"), elf.needed());
        assertEquals(Optional.of("$ORIGIN/../lib:/opt/lib"), elf.runpath());
        assertEquals(Optional.of("/old"), elf.rpath());
    }

    @Test
    void read_32BitBigEndianLibrary_givesItsSoname() throws Exception {
        ElfFile elf = read(TestElf.library("libfoo.so.1").bits(32).bigEndian().machine(TestElf.EM_MIPS)
                .needs("libc.so.6").bytes());

        assertEquals(32, elf.bits());
        assertTrue(elf.bigEndian());
        assertEquals(ElfFile.ET_DYN, elf.type());
        assertEquals(Optional.of("libfoo.so.1"), elf.soname());
        assertEquals(List.of("libc.so.6"), elf.needed());
        assertEquals(Optional.empty(), elf.interpreter());
        assertEquals("ELF32 mips (big endian)", elf.kind());
    }

    @Test
    void read_staticProgram_hasNoLoaderAndNoLibraries() throws Exception {
        ElfFile elf = read(TestElf.staticProgram().bytes());

        assertEquals(Optional.empty(), elf.interpreter());
        assertEquals(List.of(), elf.needed());
    }

    @Test
    void read_busyboxStatic_hasNoLoader() throws Exception {
        // provisioning installs Debian's busybox-static as /bin/busybox
        try (FileChannel channel = FileChannel.open(Path.of("/bin/busybox"), StandardOpenOption.READ)) {
            ElfFile elf = ElfReader.read(channel);

            assertEquals(Optional.empty(), elf.interpreter());
            assertEquals(List.of(), elf.needed());
            assertTrue(elf.type() == ElfFile.ET_EXEC || elf.type() == ElfFile.ET_DYN);
        }
    }

    @Test
    void isElf_tellsElfFilesFromScripts() {
        assertTrue(ElfReader.isElf(TestElf.staticProgram().bytes()));
        assertFalse(ElfReader.isElf("#!/bin/sh\n".getBytes()));
        assertFalse(ElfReader.isElf(new byte[] {0x7f, 'E'}));
    }

    @Test
    void read_truncatedAnywhere_givesAResultOrTheTypedError() throws Exception {
        byte[] full = TestElf.program().needs("libssl.so.3").runpath("/opt").bytes();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(full, length);
            try {
                read(cut);
            } catch (MalformedElfException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
        assertThrows(MalformedElfException.class, () -> read(java.util.Arrays.copyOf(full, 40)));
    }

    @Test
    void read_programHeadersOfTheWrongSize_isMalformed() {
        byte[] bytes = TestElf.program().bytes();
        little(bytes).putShort(54, (short) 40);

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertEquals("program header entries of 40 bytes", e.getMessage());
    }

    @Test
    void read_noProgramHeaders_isMalformed() {
        byte[] bytes = TestElf.program().bytes();
        little(bytes).putShort(56, (short) 0);

        assertThrows(MalformedElfException.class, () -> read(bytes));
    }

    @Test
    void read_programHeadersPastTheEnd_isMalformed() {
        byte[] bytes = TestElf.program().bytes();
        little(bytes).putLong(32, -1L); // e_phoff 0xffffffffffffffff

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertTrue(e.getMessage().endsWith("ends before the program headers (112 bytes at 18446744073709551615)"),
                e.getMessage());
    }

    @Test
    void read_interpreterWithoutItsNul_isMalformed() {
        byte[] bytes = TestElf.program().bytes();
        int interp = 64 + 2 * 56; // after the header and two program headers
        bytes[interp + TestElf.LOADER.length()] = 'x';

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertEquals("an interpreter path without its terminating NUL", e.getMessage());
    }

    @Test
    void read_stringTableOutsideEveryLoadedSegment_isMalformed() {
        byte[] bytes = TestElf.program().needs("libc.so.6").bytes();
        ByteBuffer b = little(bytes);
        int dynamic = (int) b.getLong(64 + 3 * 56 + 8); // the PT_DYNAMIC header's p_offset
        for (int at = dynamic; ; at += 16) {
            if (b.getLong(at) == 5) { // DT_STRTAB
                b.putLong(at + 8, 0x7000_0000L);
                break;
            }
        }

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertTrue(e.getMessage().contains("no loaded segment"), e.getMessage());
    }

    @Test
    void read_neededNameBeyondTheStringTable_isMalformed() {
        byte[] bytes = TestElf.program().needs("libc.so.6").bytes();
        ByteBuffer b = little(bytes);
        int dynamic = (int) b.getLong(64 + 3 * 56 + 8);
        b.putLong(dynamic + 8, 1L << 40); // the DT_NEEDED entry's string offset

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertTrue(e.getMessage().contains("beyond its string table"), e.getMessage());
    }

    @Test
    void read_neededWithoutStringTable_isMalformed() {
        byte[] bytes = TestElf.program().needs("libc.so.6").bytes();
        ByteBuffer b = little(bytes);
        int dynamic = (int) b.getLong(64 + 3 * 56 + 8);
        for (int at = dynamic; ; at += 16) {
            if (b.getLong(at) == 5) {
                b.putLong(at, 0x6fff_0000L); // no longer DT_STRTAB
                break;
            }
        }

        MalformedElfException e = assertThrows(MalformedElfException.class, () -> read(bytes));

        assertEquals("a dynamic section without a string table", e.getMessage());
    }

    private static ByteBuffer little(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
