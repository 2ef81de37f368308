package dev.portajava.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testcontainers.utility.DockerImageName;

/**
 * The systemd versions the integration tests run on, each a local image that {@code scripts/provision.sh} builds
 * from Debian's packages. Debian 12's is the default of every test; the compatibility tests also run on the newer
 * ones. Their tags carry their recipe's hash, so they are read from {@code scripts/recipes.sh}, the one place the
 * recipes are written.
 */
public enum SystemdImage {
    /** Debian 12: systemd 252. {@code -Dsystemd.image=…} picks another image for it. */
    BOOKWORM("bookworm", 252),
    /** Debian 13: systemd 257. */
    TRIXIE("trixie", 257),
    /** Debian sid: systemd 262 when this was written; sid moves on, and the version is read from the container. */
    SID("sid", 262);

    private static final Path SCRIPTS = Path.of(System.getProperty("portajava.scripts", "../scripts"))
            .toAbsolutePath().normalize();

    private final String suite;
    private final int version;
    private DockerImageName image;

    SystemdImage(String suite, int version) {
        this.suite = suite;
        this.version = version;
    }

    /** The major version of systemd the image was built with, at least. */
    public int version() {
        return version;
    }

    /**
     * systemd 256 and later refuse a cgroup v1 host, as the build machines are: they get the host's unified (v2)
     * hierarchy as their whole cgroup file system.
     */
    public boolean needsUnifiedCgroup() {
        return version >= 256;
    }

    /** The local image, as {@code scripts/recipes.sh} names it. */
    public synchronized DockerImageName image() {
        if (image == null) {
            String chosen = this == BOOKWORM ? System.getProperty("systemd.image", "") : "";
            image = DockerImageName.parse(chosen.isBlank() ? recipeTag() : chosen);
        }
        return image;
    }

    private String recipeTag() {
        Path recipes = SCRIPTS.resolve("recipes.sh");
        try {
            Process process = new ProcessBuilder("bash", "-c", ". \"$0\" && systemd_image \"$1\"",
                    recipes.toString(), suite).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("cannot read the " + suite + " image's tag from " + recipes + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "systemd " + version + " (" + suite + ")";
    }
}
