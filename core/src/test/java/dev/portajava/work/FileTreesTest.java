package dev.portajava.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A removed tree is gone, read-only directories and all, and nothing a symlink in it points to is touched. */
class FileTreesTest {

    @TempDir
    Path temp;

    @Test
    void delete_removesTheTree_withReadOnlyDirectories_andLeavesWhatItsSymlinksPointTo() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("kept"), "kept");
        Path tree = Files.createDirectories(temp.resolve("tree/usr/bin"));
        Files.writeString(tree.resolve("tool"), "#!/bin/sh\n");
        Files.createSymbolicLink(tree.resolve("to-outside"), outside);
        Files.createSymbolicLink(tree.resolve("kept-link"), outside.resolve("kept"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(temp.resolve("tree/usr"), PosixFilePermissions.fromString("r-xr-xr-x"));

        FileTrees.delete(temp.resolve("tree"));

        assertFalse(Files.exists(temp.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("kept", Files.readString(outside.resolve("kept")));
        assertTrue(Files.isDirectory(outside));
    }

    @Test
    void delete_ofASymlinkToADirectory_removesTheLinkOnly() throws Exception {
        Path target = Files.createDirectories(temp.resolve("target"));
        Files.writeString(target.resolve("file"), "x");
        Path link = Files.createSymbolicLink(temp.resolve("link"), target);

        FileTrees.delete(link);

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(target.resolve("file")));
    }

    @Test
    void delete_ofNothing_isNoError() throws Exception {
        FileTrees.delete(temp.resolve("missing"));
        assertFalse(Files.exists(temp.resolve("missing")));
    }
}
