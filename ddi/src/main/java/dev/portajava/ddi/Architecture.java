package dev.portajava.ddi;

import java.util.Optional;
import java.util.UUID;

/**
 * The CPU architecture a disk image is for, which picks the GPT partition types of its root, root-verity and
 * root-verity-sig partitions (the Discoverable Partitions Specification).
 */
public enum Architecture {
    X86_64("x86-64", "4f68bce3-e8cd-4db1-96e7-fbcaf984b709", "2c7357ed-ebd2-46d9-aec1-23d437ec2bf5",
            "41092b05-9fc8-4523-994f-2def0408b176"),
    ARM64("arm64", "b921b045-1df0-41c3-af44-4c6f280d3fae", "df3300ce-d69f-4c92-978c-9bfb0f38d820",
            "6db69de6-29f4-4758-a7a5-962190f00ce3");

    private final String label;
    private final UUID root;
    private final UUID rootVerity;
    private final UUID rootVeritySignature;

    Architecture(String label, String root, String rootVerity, String rootVeritySignature) {
        this.label = label;
        this.root = UUID.fromString(root);
        this.rootVerity = UUID.fromString(rootVerity);
        this.rootVeritySignature = UUID.fromString(rootVeritySignature);
    }

    /** The name systemd uses, as in the partition label {@code root-x86-64}. */
    public String label() {
        return label;
    }

    public UUID rootType() {
        return root;
    }

    public UUID rootVerityType() {
        return rootVerity;
    }

    public UUID rootVeritySignatureType() {
        return rootVeritySignature;
    }

    /** Parses {@code x86-64} (also {@code x86_64}, {@code amd64}) or {@code arm64} (also {@code aarch64}). */
    public static Optional<Architecture> parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "x86-64", "x86_64", "amd64" -> Optional.of(X86_64);
            case "arm64", "aarch64" -> Optional.of(ARM64);
            default -> Optional.empty();
        };
    }

    /** The architecture of the machine this JVM runs on, if portajava knows it. */
    public static Optional<Architecture> ofThisMachine() {
        return parse(System.getProperty("os.arch", ""));
    }

    /** The architecture whose root, root-verity or root-verity-sig partition type is {@code type}. */
    public static Optional<Architecture> ofPartitionType(UUID type) {
        for (Architecture architecture : values()) {
            if (type.equals(architecture.root) || type.equals(architecture.rootVerity)
                    || type.equals(architecture.rootVeritySignature)) {
                return Optional.of(architecture);
            }
        }
        return Optional.empty();
    }
}
