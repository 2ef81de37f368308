package dev.portajava.feed;

/** A feed's files do not check out: a bad or missing signature, a file whose SHA-256 is not the signed one. */
public final class FeedVerificationException extends FeedException {

    private static final long serialVersionUID = 1L;

    public FeedVerificationException(String message) {
        super(message);
    }

    public FeedVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
