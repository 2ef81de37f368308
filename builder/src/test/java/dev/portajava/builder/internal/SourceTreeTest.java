package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
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

    private static SourceTree.Entry only(List<SourceTree.Entry> entries) {
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
