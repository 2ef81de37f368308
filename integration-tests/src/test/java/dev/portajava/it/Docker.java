package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine and skopeo, run as a user would: the test images are built from scratch (a static busybox and
 * the Dockerfiles under {@code images/}), pushed to the test's registry, saved and copied to OCI layouts.
 */
public final class Docker {

    private static final Path IMAGES = Path.of(System.getProperty("portajava.testImages", "src/test/resources/images"))
            .toAbsolutePath();
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private Docker() {
    }

    /** Builds {@code images/NAME} as {@code TAG} with the engine, without network. */
    public static void build(String name, String tag, String... options) {
        try {
            Path context = Files.createTempDirectory("pj-image-" + name + "-");
            try {
                for (Path file : Files.list(IMAGES.resolve(name)).toList()) {
                    Files.copy(file, context.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                Files.copy(BUSYBOX, context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
                List<String> command = new ArrayList<>(List.of("docker", "build", "--network", "none", "-q", "-t", tag));
                command.addAll(List.of(options));
                command.add(context.toString());
                run(command.toArray(String[]::new));
            } finally {
                org.apache.commons.io.file.PathUtils.delete(context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code root} an image {@code tag} as {@code docker import} does, from a tar GNU tar writes of it with its
     * files' {@code security.capability} xattrs ({@code SCHILY.xattr} records, as a layer carries them).
     */
    public static void importTree(Path root, String tag, String... changes) {
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        run("tar", "--xattrs", "--xattrs-include=security.capability", "--numeric-owner", "--owner=0", "--group=0",
                "-cf", tar.toString(), "-C", root.toString(), ".");
        List<String> command = new ArrayList<>(List.of("docker", "import"));
        for (String change : changes) {
            command.addAll(List.of("--change", change));
        }
        command.addAll(List.of(tar.toString(), tag));
        run(command.toArray(String[]::new));
    }

    /** Removes the tags {@link #build} made, and the images no other tag holds; a tag already gone is no error. */
    public static void removeTags(String... tags) {
        List<String> command = new ArrayList<>(List.of("docker", "rmi", "--force"));
        command.addAll(List.of(tags));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What {@code docker run} of {@code image} prints until it prints {@code ready}: the output a portable service
     * made from the image must match.
     */
    public static String runOutput(String image) {
        String id = run("docker", "run", "-d", "--network", "none", image).strip();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                String logs = run("docker", "logs", id);
                if (logs.lines().anyMatch("ready"::equals)) {
                    return logs;
                }
                Thread.sleep(100);
            }
            return fail("docker run " + image + " never printed 'ready': " + run("docker", "logs", id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            run("docker", "rm", "-f", id);
        }
    }

    /** Runs a command, failing the test if it fails; its standard output. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed (" + process.exitValue() + "): " + err.join() + out);
            }
            return out;
        } catch (IOException e) {
            return fail(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code skopeo copy} from the registry (plain HTTP) to an OCI layout, layers compressed as asked. */
    public static void copyToLayout(String reference, Path layout, String tag, String compression) {
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false"));
        if (!compression.equals("gzip")) {
            command.addAll(List.of("--dest-compress-format", compression, "--dest-compress"));
        }
        command.addAll(List.of("docker://" + reference, "oci:" + layout + ":" + tag));
        run(command.toArray(String[]::new));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
