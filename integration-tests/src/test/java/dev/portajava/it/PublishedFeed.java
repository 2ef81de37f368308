package dev.portajava.it;

import dev.portajava.feed.FeedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A feed that {@code portajava publish} writes, signed with a key made for the test, served by a real nginx (Debian's)
 * on the container's loopback: the feed at {@code http://127.0.0.1:8080/feed/}, and beside it the copies of it a
 * test tampers with. {@link #trustKey()} puts its public key in systemd's import keyring, which importctl,
 * machinectl and systemd-sysupdate verify with; {@link #close()} stops nginx and takes the key out again.
 */
final class PublishedFeed implements AutoCloseable {

    /** Where nginx serves {@link #root()}. */
    static final String URL = "http://127.0.0.1:8080/";
    /** The import keyring of systemd 252 and later. */
    static final String IMPORT_KEYRING = "/etc/systemd/import-pubring.gpg";

    private final SystemdContainer systemd;
    private final Path root;
    private final Path secret;
    private final Path publicRing;
    private String nginx;

    private PublishedFeed(SystemdContainer systemd, Path root) {
        this.systemd = systemd;
        this.root = root;
        this.secret = root.resolve("feed.asc");
        this.publicRing = root.resolve("feed.gpg");
    }

    /** A new key, an empty feed, and nginx serving it in {@code systemd}'s container. */
    static PublishedFeed serve(SystemdContainer systemd) throws IOException {
        return serve(systemd, "", "");
    }

    /**
     * Like {@link #serve(SystemdContainer)}, but nginx answers one request at a time, 100 ms apart. systemd 252's
     * downloader (machinectl's) handles one finished request per event it wakes for: when two of the requests it
     * makes at once for a pull end together, it never sees the second end and the pull hangs. It did in 9 of 190 pulls
     * served at once here, and in none of 130 served 100 ms apart. Later systemd goes back for the next end.
     */
    static PublishedFeed serveOneAtATime(SystemdContainer systemd) throws IOException {
        return serve(systemd, "    limit_req_zone $binary_remote_addr zone=feed:1m rate=10r/s;\n",
                "        limit_req zone=feed burst=100;\n");
    }

    private static PublishedFeed serve(SystemdContainer systemd, String http, String server) throws IOException {
        PublishedFeed feed = new PublishedFeed(systemd, Files.createTempDirectory(systemd.imagesDir(), "feed-"));
        FeedKey.generate(feed.secret, feed.publicRing, "Feed IT <feed@example.org>", Optional.empty());
        Path conf = Files.writeString(feed.root.resolve("nginx.conf"), "user root;\npid "
                + feed.root.resolve("nginx.pid") + ";\nerror_log stderr;\nevents {}\nhttp {\n    access_log off;\n"
                + http + "    server {\n        listen 127.0.0.1:8080;\n        root " + feed.root + ";\n" + server
                + "    }\n}\n");
        systemd.run("nginx", "-c", conf.toString());
        feed.nginx = systemd.run("cat", feed.root.resolve("nginx.pid").toString()).strip();
        return feed;
    }

    /** The directory nginx serves: the feed is its {@code feed/}, the tampered copies its other directories. */
    Path root() {
        return root;
    }

    /** The feed's directory. */
    Path directory() {
        return root.resolve("feed");
    }

    /** The feed's URL, with its final slash. */
    String url() {
        return url("feed");
    }

    /** The URL of the directory {@code name} beside the feed (a tampered copy), with its final slash. */
    String url(String name) {
        return URL + name + "/";
    }

    /** The feed's public key (an OpenPGP keyring), as machines get it. */
    Path publicKey() {
        return publicRing;
    }

    /** Puts the feed's public key in systemd's import keyring. */
    void trustKey() {
        systemd.run("cp", publicRing.toString(), IMPORT_KEYRING);
    }

    /** Publishes {@code image} into the feed, signed, with {@link #url()} in its transfer files. */
    void publish(Path image) {
        Portajava.against(systemd).run("publish", image.toString(), "--to", directory().toString(), "--key",
                secret.toString(), "--url", url()).assertOk();
    }

    /**
     * Builds the hello sample at {@code version} (one whose service fails at once if {@code broken}) and publishes
     * it; returns the image.
     */
    Path publish(String version, boolean broken) throws IOException {
        Path sample = Files.createDirectories(root.resolve("hello-" + version));
        try (var files = Files.list(Portajava.SAMPLES.resolve("hello"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        Path spec = sample.resolve("portable.toml");
        Files.writeString(spec, Files.readString(spec).replace("version = \"1.0\"", "version = \"" + version + "\""));
        if (broken) {
            Files.writeString(sample.resolve("hello.sh"), "#!/bin/sh\necho \"hello " + version + " cannot start\"\n"
                    + "exit 3\n");
        }
        Path image = root.resolve("hello_" + version + ".raw");
        Portajava.against(systemd).run("build", sample.toString(), "-o", image.toString()).assertOk();
        publish(image);
        return image;
    }

    /** A copy of the feed as it is now, at {@link #url(String) url(name)}, whose {@code file} has one more byte. */
    void tampered(String name, String file) throws IOException {
        Path copy = Files.createDirectories(root.resolve(name));
        try (var files = Files.list(directory())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.write(copy.resolve(file), new byte[] {0x0a}, StandardOpenOption.APPEND);
    }

    /** Stops nginx (and waits until it has let its port go) and takes the feed's key out of the import keyring. */
    @Override
    public void close() {
        stop(systemd, nginx);
        systemd.exec("rm", "-f", IMPORT_KEYRING);
    }

    /**
     * Stops the process {@code pid} in {@code systemd}'s container and waits until it has ended (and let its port go):
     * the containers are shared between test classes. The shell's kill: the newer images have no kill program.
     */
    static void stop(SystemdContainer systemd, String pid) {
        systemd.exec("sh", "-c", "kill " + pid + " && while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done");
    }
}
