package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample built twice with the real command, from copies of the sample in different directories, under a
 * different umask, time zone, host name (a new UTS namespace when {@code unshare} can make one) and clock, gives
 * the same bytes: raw, ddi and signed ddi with sidecars.
 */
class ReproducibleImagesIT {

    @TempDir
    Path dir;

    static Stream<Arguments> builds() {
        List<Arguments> builds = new ArrayList<>();
        for (String sample : List.of("hello", "webserver")) {
            builds.add(Arguments.of(sample, "squashfs"));
            builds.add(Arguments.of(sample, "ddi"));
            builds.add(Arguments.of(sample, "signed"));
        }
        return builds.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("builds")
    void build_twiceInDifferentPlacesAndConditions_givesIdenticalBytes(String sample, String kind) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        if (kind.equals("signed")) {
            run(keys, "0022", "UTC", "openssl", "req", "-x509", "-nodes", "-newkey", "rsa:2048", "-days", "3650",
                    "-subj", "/CN=reproducible", "-keyout", "key.pem", "-out", "cert.pem");
        }
        Path first = build(sample, kind, dir.resolve("a/first/place"), "0022", "UTC", "builder-one", keys);
        Thread.sleep(1100); // another second on the clock
        Path second = build(sample, kind, dir.resolve("b"), "0077", "Asia/Tokyo", "another-host", keys);
        assertEquals(sha256(first), sha256(second));
        assertEquals(-1L, Files.mismatch(first, second));
        if (kind.equals("signed")) {
            for (String suffix : List.of(".roothash", ".roothash.p7s")) {
                Path a = first.resolveSibling(sample + "_1.0" + suffix);
                Path b = second.resolveSibling(sample + "_1.0" + suffix);
                assertEquals(-1L, Files.mismatch(a, b), suffix);
            }
        }
    }

    private Path build(String sample, String kind, Path place, String umask, String zone, String hostname, Path keys)
            throws Exception {
        Path spec = place.resolve("spec");
        Files.createDirectories(spec);
        PathUtils.copyDirectory(Portajava.SAMPLES.resolve(sample), spec);
        Path output = place.resolve(sample + "_1.0.raw");
        List<String> command = new ArrayList<>(Portajava.command("build", spec.toString(), "-o",
                output.toString()));
        if (!kind.equals("squashfs")) {
            command.addAll(List.of("--format", "ddi"));
        }
        if (kind.equals("signed")) {
            command.addAll(List.of("--key", keys.resolve("key.pem").toString(), "--cert",
                    keys.resolve("cert.pem").toString(), "--verity-sidecar"));
        }
        String out = withHostname(hostname, place, umask, zone, command);
        assertTrue(out.contains("sha256 " + sha256(output)), out);
        if (!kind.equals("squashfs")) {
            assertTrue(out.contains("roothash "), out);
        }
        return output;
    }

    private static String withHostname(String hostname, Path place, String umask, String zone, List<String> command)
            throws Exception {
        boolean namespaces = Files.isExecutable(Path.of("/usr/bin/unshare")) && "root".equals(System.getProperty("user.name"));
        if (!namespaces) {
            return run(place, umask, zone, command.toArray(String[]::new));
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c", "hostname " + hostname
                + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return run(place, umask, zone, wrapped.toArray(String[]::new));
    }

    private static String run(Path workdir, String umask, String zone, String... command) throws Exception {
        List<String> shell = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        shell.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(shell).directory(workdir.toFile()).redirectErrorStream(true);
        builder.environment().put("TZ", zone);
        builder.environment().remove("SOURCE_DATE_EPOCH");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "build did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
