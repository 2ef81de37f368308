package dev.portajava.feed;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@code portajava publish} writes a feed.
 *
 * @param key the key that signs {@code SHA256SUMS}; without one the feed is unsigned, and only a feed that was
 *     never signed may stay so
 * @param url where machines will fetch the feed, for the sysupdate transfer files (none are written without it)
 * @param keep how many versions of each image stay in the feed (all when empty)
 * @param profile the sandbox profile the index recommends for the images published now
 */
public record PublishOptions(Optional<FeedKey> key, Optional<FeedAddress> url, OptionalInt keep, String profile) {

    /** Versions a transfer file keeps on a machine when the feed keeps them all: the running one and one more. */
    static final int DEFAULT_INSTANCES = 2;

    public PublishOptions {
        if (keep.isPresent() && keep.getAsInt() < 1) {
            throw new IllegalArgumentException("--keep must keep one version at least");
        }
    }

    int instances() {
        return keep.orElse(DEFAULT_INSTANCES);
    }
}
