package dev.portajava.feed;

/**
 * What was asked cannot be published as it is: another image of the same name and version, an image without a
 * version, or a feed directory that something else wrote.
 */
public final class FeedConflictException extends FeedException {

    private static final long serialVersionUID = 1L;

    public FeedConflictException(String message) {
        super(message);
    }
}
