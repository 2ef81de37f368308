package dev.portajava.cli;

import dev.portajava.builder.VerityOptions;
import dev.portajava.ddi.Architecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How build protects its image with dm-verity: the architecture of a ddi's partition types (which also picks the
 * platform of a container image of several), the key and certificate that sign the root hash, and the sidecars.
 */
final class DdiOptions {

    static final Option<String> ARCH = Option.value("--arch", "ARCH", ValueType.TEXT,
            "The architecture of a ddi image's partition types, and the platform picked from a"
                + " container image of several platforms: x86-64 or arm64 (default: x86-64 for partitions, this"
                + " machine's for container images).");
    static final Option<Path> KEY = Option.value("--key", "KEY.pem", ValueType.PATH,
            "Sign the root hash with this PEM private key (RSA or EC); needs --cert.");
    static final Option<Path> CERT = Option.value("--cert", "CERT.pem", ValueType.PATH,
            "The PEM X.509 certificate of --key.");
    static final Option<Boolean> VERITY_SIDECAR = Option.flag("--verity-sidecar",
            "Write the hash tree (NAME.verity), the root hash (NAME.roothash) and, when signed,"
                    + " its signature (NAME.roothash.p7s) beside a squashfs image; beside a ddi, the root hash and"
                    + " its signature, which systemd 252 needs to enforce verity.");
    static final List<Option<?>> ALL = List.of(ARCH, KEY, CERT, VERITY_SIDECAR);

    /** The architecture --arch names, empty without it. */
    final Optional<Architecture> architecture;
    final VerityOptions verity;

    DdiOptions(Invocation invocation) throws UsageException {
        Path key = invocation.value(KEY);
        Path cert = invocation.value(CERT);
        if ((key == null) != (cert == null)) {
            throw new UsageException(key == null ? "--cert needs --key" : "--key needs --cert");
        }
        String arch = invocation.value(ARCH);
        if (arch == null) {
            architecture = Optional.empty();
        } else {
            architecture = Optional.of(Architecture.parse(arch).orElseThrow(
                    () -> new UsageException("unknown architecture '" + arch + "'; use x86-64 or arm64")));
        }
        verity = new VerityOptions(architecture.orElse(Architecture.X86_64), Optional.ofNullable(key),
                Optional.ofNullable(cert), invocation.has(VERITY_SIDECAR));
    }
}
