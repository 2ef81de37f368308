package dev.portajava.feed;

import dev.portajava.digest.Sha256;
import dev.portajava.net.HttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Reads a feed over HTTP(S) ({@code file:} too), trusting nothing it has not checked: the sums by their signature,
 * every other file by its signed SHA-256, each read cut off at the size it may have.
 */
public final class FeedClient implements AutoCloseable {

    /** The most a feed's sums, signature or index may hold. */
    static final long SMALL_FILE_LIMIT = 4 << 20;

    private final FeedAddress feed;
    private final FeedTrust trust;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    public FeedClient(FeedAddress feed, FeedTrust trust) {
        this.feed = feed;
        this.trust = trust;
    }

    public FeedAddress url() {
        return feed;
    }

    /** Ends the HTTP client's threads (see {@link HttpClients}). */
    @Override
    public void close() {
        HttpClients.close(http);
    }

    /** The feed's signed sums. */
    public Sha256Sums sums() throws FeedException {
        byte[] sums = get(FeedDirectory.SUMS);
        trust.verify(sums, get(FeedDirectory.SIGNATURE), feed.resolve(FeedDirectory.SUMS).toString());
        try {
            return Sha256Sums.parse(new String(sums, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new FeedVerificationException(feed.resolve(FeedDirectory.SUMS) + ": " + e.getMessage(), e);
        }
    }

    /** The feed's index, checked against {@code sums}. */
    public FeedIndex index(Sha256Sums sums) throws FeedException {
        byte[] json = get(FeedIndex.FILE);
        check(FeedIndex.FILE, Sha256.hex(json), sums);
        try {
            return FeedIndex.parse(json);
        } catch (IllegalArgumentException e) {
            throw new FeedVerificationException(feed.resolve(FeedIndex.FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * True if {@code target} holds {@code entry}'s image already, as the signed sums say it is; false if there is no
     * {@code target}. Any other file there is refused, not replaced: the feed did not write it, and a service may be
     * attached to it.
     */
    public boolean isDownloaded(FeedEntry entry, Sha256Sums sums, Path target) throws FeedException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String what = target + " is already there and is not " + entry.name() + " " + entry.version() + " of "
                + feed;
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FeedConflictException(what + " (not a regular file); move it away first");
        }
        String signed = signedDigest(entry.file(), sums);
        try {
            if (Sha256.hex(target).equals(signed)) {
                return true;
            }
        } catch (IOException e) {
            throw new FeedException("cannot read " + target + ": " + e.getMessage(), e);
        }
        throw new FeedConflictException(what + " (its SHA-256 differs from the signed one); a service may be"
                + " attached to it: detach it and move it away first");
    }

    /** Downloads {@code entry}'s image to {@code target}, which appears only once it checks out. */
    public void download(FeedEntry entry, Sha256Sums sums, Path target) throws FeedException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".download");
        MessageDigest digest = Sha256.digest();
        try (InputStream in = open(entry.file()); OutputStream out = Files.newOutputStream(temporary)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > entry.size()) {
                    throw new FeedVerificationException(feed.resolve(entry.file()) + ": longer than the "
                            + entry.size() + " bytes the signed index says: the file was changed");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            check(entry.file(), Sha256.hex(digest), sums);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FeedException("cannot download " + feed.resolve(entry.file()) + " to " + target + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a hidden leftover beside the target; the next download replaces it
            }
        }
    }

    /** The SHA-256 the feed's signed sums give {@code file}; refused if they give none. */
    public String signedDigest(String file, Sha256Sums sums) throws FeedVerificationException {
        return sums.digest(file).orElseThrow(() -> new FeedVerificationException(feed.resolve(file)
                + ": not in the feed's signed SHA256SUMS"));
    }

    private void check(String file, String actual, Sha256Sums sums) throws FeedVerificationException {
        String signed = signedDigest(file, sums);
        if (!signed.equals(actual)) {
            throw new FeedVerificationException(feed.resolve(file) + ": its SHA-256 is " + actual + ", the signed"
                    + " SHA256SUMS says " + signed + ": the file was changed");
        }
    }

    private byte[] get(String file) throws FeedException {
        try (InputStream in = open(file)) {
            byte[] bytes = in.readNBytes((int) SMALL_FILE_LIMIT + 1);
            if (bytes.length > SMALL_FILE_LIMIT) {
                throw new FeedVerificationException(feed.resolve(file) + ": larger than " + SMALL_FILE_LIMIT + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new FeedException("cannot read " + feed.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(String file) throws IOException, FeedException {
        URI uri = feed.resolve(file);
        if (feed.local()) {
            return Files.newInputStream(Path.of(uri));
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new FeedException("cannot read " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
