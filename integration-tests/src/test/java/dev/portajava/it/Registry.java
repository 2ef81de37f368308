package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A real registry: Debian's {@code docker-registry} (distribution 2.8), started on 127.0.0.1 with its storage in a
 * temporary directory. Its access log tells which requests reached it.
 */
public final class Registry implements AutoCloseable {

    private static final Pattern BLOB_GET = Pattern.compile("\"GET /v2/[^ ]*/blobs/sha256:[0-9a-f]{64} HTTP");

    private final Path dir;
    private final Process process;
    private final int port;

    private Registry(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static Registry start() {
        try {
            Path dir = Files.createTempDirectory("pj-registry-");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
                    "version: 0.1",
                    "log:",
                    "  level: info",
                    "storage:",
                    "  filesystem:",
                    "    rootdirectory: " + dir.resolve("storage"),
                    "  delete:",
                    "    enabled: true",
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    ""));
            Process process;
            try {
                process = new ProcessBuilder("docker-registry", "serve", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            } catch (IOException e) {
                return fail("docker-registry is missing (run scripts/provision.sh as root): " + e.getMessage());
            }
            Registry registry = new Registry(dir, process, port);
            registry.awaitPort();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("docker-registry exited: " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        fail("docker-registry did not listen on 127.0.0.1:" + port + ": " + log());
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Where the registry keeps its blobs: {@code …/blobs/sha256/XX/HEX/data}. */
    public Path blobData(String hex) {
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex)
                .resolve("data");
    }

    /** How many blob downloads the registry has served so far. */
    public long blobRequests() {
        return log().lines().filter(line -> BLOB_GET.matcher(line).find()).count();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            org.apache.commons.io.file.PathUtils.delete(dir);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
