package dev.portajava.attach.polkit;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.NotAuthorizedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The polkit rules {@code portajava polkit} writes on a host: one file per group, written whole or not at all, and
 * removed by {@link #revoke}. polkitd notices a new or removed rule file by itself; nothing is restarted.
 */
public final class PolkitRules {

    /** Where Debian, Fedora and Arch install polkitd. */
    private static final List<Path> POLKITD = List.of(Path.of("usr/lib/polkit-1/polkitd"), Path.of("usr/libexec/polkitd"));

    private final Path root;
    private final GroupDatabase groups;

    /** The rules of the host whose root tree is {@code root} ({@code /} for this one). */
    public PolkitRules(Path root) {
        this(root, GroupDatabase.of(root));
    }

    PolkitRules(Path root, GroupDatabase groups) {
        this.root = root;
        this.groups = groups;
    }

    /** Writes the rule for {@code group}; no change when it is there as it would be written. */
    public List<Change> grant(PolkitGroup group) throws AttachException {
        if (!groups.exists(group)) {
            throw new UnknownGroupException(group);
        }
        PolkitRule rule = new PolkitRule(group);
        Path file = root.resolve(rule.file());
        byte[] text = rule.text().getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), text)) {
                return List.of();
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            try {
                Files.write(temporary, text);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw failure(e, file);
        }
        return List.of(new Change(ChangeType.WRITE, "/" + rule.file(), ""));
    }

    /** Removes the rule for {@code group}; no change when there is none. */
    public List<Change> revoke(PolkitGroup group) throws AttachException {
        PolkitRule rule = new PolkitRule(group);
        Path file = root.resolve(rule.file());
        try {
            return Files.deleteIfExists(file) ? List.of(new Change(ChangeType.UNLINK, "/" + rule.file(), "")) : List.of();
        } catch (IOException e) {
            throw failure(e, file);
        }
    }

    /** Whether polkitd is installed: without it, portabled refuses every caller but root, rule or not. */
    public boolean polkitdInstalled() {
        return POLKITD.stream().anyMatch(path -> Files.isExecutable(root.resolve(path)));
    }

    private static AttachException failure(IOException e, Path file) {
        return NotAuthorizedException.ofWrite(e).map(AttachException.class::cast)
                .orElseGet(() -> new AttachException("cannot write " + file + ": " + e.getMessage(), e));
    }
}
