package dev.portajava.attach.polkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether a group exists on a host: the running one asks its name service, another root tree its /etc/group. */
interface GroupDatabase {

    boolean exists(PolkitGroup group);

    static GroupDatabase of(Path root) {
        return root.getParent() == null ? GroupDatabase::running : group -> inFile(root.resolve("etc/group"), group);
    }

    /** {@code getent group}: /etc/group and whatever else the host's NSS knows (LDAP, sssd, systemd-userdb). */
    private static boolean running(PolkitGroup group) {
        try {
            Process getent = new ProcessBuilder("getent", "group", group.name())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!getent.waitFor(30, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                return inFile(Path.of("/etc/group"), group);
            }
            return getent.exitValue() == 0;
        } catch (IOException e) {
            return inFile(Path.of("/etc/group"), group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFile(Path.of("/etc/group"), group);
        }
    }

    private static boolean inFile(Path file, PolkitGroup group) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.startsWith(group.name() + ":"));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
