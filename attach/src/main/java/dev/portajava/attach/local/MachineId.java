package dev.portajava.attach.local;

import dev.portajava.text.AsciiNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A machine's identity, as {@code machine-id(5)} stores it: 128 bits, written as 32 lower-case hex digits. */
public record MachineId(String value) {

    private static final int HEX_DIGITS = 32;

    public MachineId {
        if (!AsciiNames.isLowerHex(value, HEX_DIGITS)) {
            throw new IllegalArgumentException("'" + value + "' is not a machine id (32 hex digits)");
        }
    }

    /**
     * The id in a machine-id file's text; empty for an empty file or {@code uninitialized}, which a machine has
     * before its first boot.
     */
    public static Optional<MachineId> parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return AsciiNames.isLowerHex(value, HEX_DIGITS) ? Optional.of(new MachineId(value)) : Optional.empty();
    }

    /** The id of the machine whose root is {@code tree}: its {@code /etc/machine-id}; empty if it has none. */
    public static Optional<MachineId> of(HostTree tree) {
        Path file = tree.onDisk("/etc/machine-id");
        try {
            return Files.isRegularFile(file) && Files.size(file) < 4096
                    ? parse(Files.readString(file, StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code other}, a machine id as the bus gives it ({@code org.freedesktop.DBus.Peer.GetMachineId}), is
     * this one.
     */
    public boolean is(String other) {
        return value.equalsIgnoreCase(other.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
