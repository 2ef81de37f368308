package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {

    @TempDir
    Path temp;

    @Test
    void read_givesEachEntrysTypeSizeAndPermissions() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("usr/bin"));
        Files.writeString(bin.resolve("hello"), "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(bin.resolve("hello"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(bin.resolve("hi"), Path.of("hello"));

        SourceTree.Entry root = SourceTree.read(temp);

        SourceTree.Entry usr = only(root.children());
        SourceTree.Entry dir = only(usr.children());
        List<SourceTree.Entry> files = dir.children().stream().sorted(Comparator.comparing(SourceTree.Entry::name))
                .toList();
        assertEquals(SourceTree.Type.DIRECTORY, dir.type());
        assertEquals("bin", dir.name());
        SourceTree.Entry hello = files.get(0);
        assertEquals(List.of("hello", SourceTree.Type.FILE, 21L, 0750, true),
                List.of(hello.name(), hello.type(), hello.size(), hello.permissions(), hello.readable()));
        SourceTree.Entry hi = files.get(1);
        assertEquals(List.of("hi", SourceTree.Type.SYMLINK, "hello"), List.of(hi.name(), hi.type(), hi.symlinkTarget()));
        assertNull(hi.children());
    }

    @Test
    void read_namesAnEntryWhoseNameIsNotUtf8ByItsBytes() throws IOException {
        byte[] bytes = {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'}; // Latin-1, not UTF-8
        String name = FileNames.decode(bytes);
        Files.writeString(FileNames.resolve(temp, name), "x");

        SourceTree.Entry file = only(SourceTree.read(temp).children());

        assertEquals(name, file.name());
        assertArrayEquals(bytes, FileNames.encode(file.name()));
        assertEquals(List.of(SourceTree.Type.FILE, 1L), List.of(file.type(), file.size()));
    }

    @Test
    void read_ofAnEntryWhoseAttributesCannotBeRead_keepsAFailureThatNamesItsWholePath() throws IOException {
        Path locked = Files.createDirectories(temp.resolve("locked"));
        Files.writeString(locked.resolve("file"), "x");
        Files.writeString(temp.resolve("probe"), "x");
        Files.setPosixFilePermissions(temp.resolve("probe"), PosixFilePermissions.fromString("---------"));
        // a directory that may be listed but not searched: only a user without root's rights is refused its entries
        assumeFalse(Files.isReadable(temp.resolve("probe")), "this user reads what its mode forbids (root)");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--r--r--"));
        try {
            SourceTree.Entry root = SourceTree.read(temp);

            SourceTree.Entry dir = root.children().stream().filter(e -> "locked".equals(e.name())).findFirst()
                    .orElseThrow();
            SourceTree.Entry file = only(dir.children());
            assertEquals(locked.resolve("file").toString(),
                    assertInstanceOf(AccessDeniedException.class, file.failure()).getFile());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static SourceTree.Entry only(List<SourceTree.Entry> entries) {
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
