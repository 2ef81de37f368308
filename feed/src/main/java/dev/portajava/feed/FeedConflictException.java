package dev.portajava.feed;

/**
 * What was asked cannot be published or installed as it is: another image of the same name and version, an image
 * without a version, a feed directory that something else wrote, an image the feed does not have, or a record of
 * {@code install} that names no feed.
 */
public final class FeedConflictException extends FeedException {

    private static final long serialVersionUID = 1L;

    public FeedConflictException(String message) {
        super(message);
    }
}
