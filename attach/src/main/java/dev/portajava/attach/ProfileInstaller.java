package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.MachineId;
import dev.portajava.name.UnitType;
import dev.portajava.profiles.Profile;
import dev.portajava.profiles.ProfileSearchPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs a profile built into portajava where systemd-portabled looks for profiles, so that it can use it: on this
 * machine only, so only for a portabled that runs here (the bus's machine id is this machine's).
 */
public final class ProfileInstaller {

    private final Path directory;
    private final HostTree machine;
    private final String refusal;

    /** Installs into {@code directory}, on the machine whose root is {@code machine}. */
    public ProfileInstaller(Path directory, HostTree machine) {
        this(directory, machine, null);
    }

    private ProfileInstaller(Path directory, HostTree machine, String refusal) {
        this.directory = directory;
        this.machine = machine;
        this.refusal = refusal;
    }

    /**
     * For a host whose files are out of reach (a remote host): a profile its portabled lacks is refused, in one line
     * that ends with {@code why}.
     */
    public static ProfileInstaller refusing(String why) {
        return new ProfileInstaller(null, null, why);
    }

    /** portabled's first profile directory on this host: {@code /etc/systemd/portable/profile}. */
    public static ProfileInstaller host() {
        return new ProfileInstaller(ProfileSearchPath.host().first(), HostTree.live());
    }

    /**
     * Writes the profile's files (each atomically, 0644) and reports them, for the portabled of the machine
     * {@code busMachineId} names; refused, with nothing written, when that is not this machine.
     */
    public List<Change> install(Profile profile, String busMachineId) throws AttachException {
        if (refusal != null) {
            throw new PortabledUnavailableException("profile " + profile.name() + " is built into portajava, but"
                    + " the host's portabled lacks it: " + refusal);
        }
        Optional<MachineId> here = MachineId.of(machine);
        if (here.isEmpty() || !here.get().is(busMachineId)) {
            throw new PortabledUnavailableException("profile " + profile.name() + " is built into portajava, but"
                    + " the host's portabled lacks it, and the system bus belongs to machine " + busMachineId.strip()
                    + ", not this one (" + here.map(MachineId::value).orElse("no " + machine.onDisk("/etc/machine-id"))
                    + "): portajava installs its profiles on this machine only; put it into " + directory
                    + " on that machine, or run portajava there");
        }
        List<Change> changes = new ArrayList<>();
        Path dir = directory.resolve(profile.name().value());
        try {
            Files.createDirectories(dir);
            for (Map.Entry<UnitType, String> dropIn : profile.dropIns().entrySet()) {
                Path file = dir.resolve(dropIn.getKey().suffix() + ".conf");
                Path temporary = Files.createTempFile(dir, ".#" + file.getFileName(), "");
                Files.writeString(temporary, dropIn.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                changes.add(new Change(ChangeType.WRITE, file.toString(), ""));
            }
        } catch (IOException e) {
            Optional<NotAuthorizedException> refused = NotAuthorizedException.ofWrite(e);
            if (refused.isPresent()) {
                throw new NotAuthorizedException("cannot install profile " + profile.name() + " into " + dir
                        + " for portabled: " + refused.get().getMessage(), e);
            }
            throw new AttachException("cannot install profile " + profile.name() + " into " + dir + " for portabled: "
                    + e.getMessage(), e);
        }
        return changes;
    }
}
