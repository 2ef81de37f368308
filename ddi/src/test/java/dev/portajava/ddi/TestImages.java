package dev.portajava.ddi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Small squashfs images and keys for the tests, made with mksquashfs and openssl. */
final class TestImages {

    private TestImages() {
    }

    /** A squashfs of a small tree with a random file of {@code randomBytes}; uncompressed so a flipped byte stays one. */
    static Path squashfs(Path dir, int randomBytes) throws IOException, InterruptedException {
        return squashfs(dir, randomBytes, "-noI", "-noD", "-noF", "-noX");
    }

    /** The same tree with other mksquashfs compression options. */
    static Path squashfs(Path dir, int randomBytes, String... compression) throws IOException, InterruptedException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("usr/lib"));
        Files.writeString(tree.resolve("usr/lib/os-release"), "ID=test\nPORTABLE_PREFIXES=test\n");
        byte[] random = new byte[randomBytes];
        new Random(randomBytes).nextBytes(random);
        Files.createDirectories(tree.resolve("usr/bin"));
        try (OutputStream out = Files.newOutputStream(tree.resolve("usr/bin/payload"))) {
            out.write(random);
        }
        Files.writeString(tree.resolve("usr/bin/small"), "a small file in a fragment\n");
        Path image = dir.resolve("fs.squashfs");
        List<String> command = new java.util.ArrayList<>(List.of("mksquashfs", tree.toString(), image.toString(),
                "-noappend", "-all-root", "-mkfs-time", "0", "-all-time", "0", "-quiet", "-no-progress"));
        command.addAll(List.of(compression));
        run(command.toArray(String[]::new));
        return image;
    }

    /** A self-signed certificate and its key, PEM: [key, cert]. */
    static List<Path> keyPair(Path dir, String algorithm) throws IOException, InterruptedException {
        Path key = dir.resolve(algorithm + ".key");
        Path cert = dir.resolve(algorithm + ".crt");
        List<String> newkey = algorithm.equals("ec")
                ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-newkey", algorithm.equals("ed25519") ? "ed25519" : "rsa:2048");
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "3650",
                "-subj", "/CN=portajava test " + algorithm, "-keyout", key.toString(), "-out", cert.toString()));
        command.addAll(newkey);
        run(command.toArray(String[]::new));
        return List.of(key, cert);
    }

    /** The exit code of {@code command}, its output discarded. */
    static int exitCode(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(byPath(command)).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }

    /**
     * openssl's own judgement of a detached PKCS#7 signature of {@code content}: with a certificate, that it was
     * made by that certificate's key (and only that certificate is used); without, that it verifies with the
     * certificate it carries.
     */
    static boolean opensslAccepts(Path signature, byte[] content, Path certificate) throws IOException,
            InterruptedException {
        Path contentFile = Files.createTempFile(signature.getParent(), "content", ".txt");
        Files.write(contentFile, content);
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform",
                "DER", "-in", signature.toString(), "-content", contentFile.toString(), "-noverify", "-out",
                "/dev/null"));
        if (certificate != null) {
            command.addAll(List.of("-nointern", "-certfile", certificate.toString()));
        }
        try {
            return exitCode(command.toArray(String[]::new)) == 0;
        } finally {
            Files.delete(contentFile);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(byPath(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** {@code command} with its tool by its path in /usr/bin or /usr/sbin, whatever the PATH (a user's often lacks /usr/sbin). */
    private static List<String> byPath(String... command) {
        Path tool = Path.of("/usr/bin", command[0]);
        if (Files.notExists(tool)) {
            tool = Path.of("/usr/sbin", command[0]);
        }
        if (Files.notExists(tool)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(command[0] + " is not installed (scripts/provision.sh installs it)");
            }
            Assumptions.abort(command[0] + " is not installed");
        }
        List<String> argv = new java.util.ArrayList<>(List.of(command));
        argv.set(0, tool.toString());
        return argv;
    }
}
