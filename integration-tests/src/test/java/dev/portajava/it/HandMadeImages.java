package dev.portajava.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Images made by hand, as an attacker or another tool would make them, not by portajava: a tree with the mount points
 * and files portabled needs, packed by the system's {@code mksquashfs}.
 */
final class HandMadeImages {

    private HandMadeImages() {
    }

    /**
     * Makes {@code tree} a root portabled accepts, around what the caller put in it: the mount points, an empty
     * {@code /etc/machine-id} and {@code /etc/resolv.conf}, and a root directory of mode 0755.
     */
    static Path rootOf(Path tree) throws IOException {
        for (String dir : List.of("etc", "proc", "sys", "dev", "run", "tmp", "var/tmp")) {
            Files.createDirectories(tree.resolve(dir));
        }
        Files.createFile(tree.resolve("etc/machine-id"));
        Files.createFile(tree.resolve("etc/resolv.conf"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tree;
    }

    /** Packs {@code tree} into the squashfs image {@code raw}, every file owned by root. */
    static void squashfs(Path tree, Path raw) throws IOException, InterruptedException {
        run("mksquashfs", tree.toString(), raw.toString(), "-noappend", "-quiet", "-all-root");
    }

    /** Runs {@code command}, failing with its output unless it exits 0 within two minutes. */
    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
