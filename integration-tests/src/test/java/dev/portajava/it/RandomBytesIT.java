package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks of random bytes, which the writer stores without compressing them, beside blocks that look random but
 * repeat and blocks of text, with each compressor: the service, attached on the real systemd, reads every file's
 * bytes from the kernel's squashfs as they were; and the image is at most 1% larger than mksquashfs's of the same
 * files.
 */
class RandomBytesIT {

    private static final String NAME = "randomdata";

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @ParameterizedTest(name = "--compression {0}")
    @ValueSource(strings = {"gzip", "zstd", "xz", "lz4"})
    void attachedService_readsEveryFileAsItWas(String compression) throws Exception {
        Path spec = Files.createTempDirectory(systemd.imagesDir(), "random-bytes-");
        Path data = Files.createDirectories(spec.resolve("data"));
        Random random = new Random(11);
        byte[] noise = new byte[1_000_000];
        random.nextBytes(noise);
        Files.write(data.resolve("random"), noise);
        byte[] repeated = new byte[600_000]; // 64 KiB of random bytes over and over: compresses
        random.nextBytes(repeated);
        for (int i = 65536; i < repeated.length; i++) {
            repeated[i] = repeated[i - 65536];
        }
        Files.write(data.resolve("repeated"), repeated);
        Files.writeString(data.resolve("text"), "a line of text\n".repeat(40_000));
        Files.copy(Path.of("/bin/busybox"), spec.resolve("busybox"));
        Files.writeString(spec.resolve("portable.toml"), """
                [image]
                name = "randomdata"
                version = "1"
                units = ["randomdata.service"]

                [[file]]
                from = "busybox"
                to = "/usr/bin/busybox"
                mode = "0755"

                [[copy]]
                from = "data"
                to = "/srv/data"
                """);
        Files.writeString(spec.resolve(NAME + ".service"), """
                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/usr/bin/busybox sh -c 'cd /srv/data && /usr/bin/busybox sha256sum random repeated text'
                """);
        Path image = systemd.imagesDir().resolve(NAME + "_" + compression + ".raw");
        Path reference = systemd.imagesDir().resolve(NAME + "_" + compression + "-mksquashfs.raw");
        try {
            portajava.run("build", spec.toString(), "-o", image.toString(), "--compression", compression, "--force")
                    .assertOk();
            portajava.run("build", spec.toString(), "-o", reference.toString(), "--compression", compression,
                    "--engine", "mksquashfs", "--force").assertOk();
            // not byte for byte: xz's Java compressor does not give liblzma's bytes
            assertTrue(Files.size(image) <= Files.size(reference) * 1.01,
                    Files.size(image) + " bytes against mksquashfs's " + Files.size(reference));

            portajava.run("attach", image.toString(), "--now").assertOk();
            try {
                assertEquals("exited", systemd.unitProperty(NAME + ".service", "SubState"));
                Map<String, String> expected = new TreeMap<>(Map.of("random", sha256(noise), "repeated",
                        sha256(repeated), "text", sha256(Files.readAllBytes(data.resolve("text")))));
                Map<String, String> read = read();
                for (int i = 0; i < 50 && read.size() < expected.size(); i++) {
                    Thread.sleep(100); // the journal may still be storing the service's output
                    read = read();
                }
                assertEquals(expected, read);
            } finally {
                portajava.run("detach", image.toString(), "--now").assertOk();
            }
            AttachProfilesIT.assertNothingLeft(systemd, NAME);
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(reference);
            systemd.exec("rm", "-rf", spec.toString());
        }
    }

    /** The digests the service printed, by file name, from its lines in the journal. */
    private static Map<String, String> read() {
        Map<String, String> read = new TreeMap<>();
        for (String line : systemd.invocationJournal(NAME + ".service").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].matches("[0-9a-f]{64}")) {
                read.put(words[1], words[0]);
            }
        }
        return read;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
