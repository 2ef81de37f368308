package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.InvalidRootException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import dev.portajava.attach.UnreadableImageException;
import dev.portajava.attach.UnsupportedBySystemdException;
import dev.portajava.attach.UserMountUnavailableException;
import dev.portajava.attach.polkit.UnknownGroupException;
import dev.portajava.builder.InvalidOutputException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.MissingToolException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.ddi.NotAVerityImageException;
import dev.portajava.ddi.SigningKeyException;
import dev.portajava.feed.FeedConflictException;
import dev.portajava.feed.FeedVerificationException;
import dev.portajava.oci.InvalidSourceException;
import dev.portajava.oci.SourceUnavailableException;
import dev.portajava.profiles.UnknownProfileException;
import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.squashfs.UnsupportedEntryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented exit codes of the {@code portajava} command, and the one place that decides which error ends a
 * command with which code. The libraries only throw typed exceptions.
 */
public enum ExitStatus {
    /** The command did what was asked. */
    OK(0, "success (is-attached: the image is attached)"),
    /** The operation was attempted and failed, or the answer is "no" (is-attached of a detached image). */
    FAILED(1, "the operation failed (is-attached: the image is not attached)"),
    /** The command line, the spec or the image is wrong. */
    BAD_INPUT(2, "bad usage or bad input (spec, image, profile)"),
    /** The environment is missing something: no system bus, no portabled, not authorised, a tool not installed. */
    ENVIRONMENT(3, "environment problem (no bus, no portabled, not authorised, missing tool, output not writable,"
            + " remote host unreachable, no user mounts for --user)"),
    /** A bug: an unexpected exception. */
    INTERNAL(4, "internal error (stack trace with --verbose)");

    /**
     * Errors whose code is not {@link #FAILED}; a subtype listed before its supertype wins. A class of its own, so
     * that the exception classes are loaded when a command fails, not when {@code --help} lists the codes.
     */
    private static final class Rules {
        static final List<Rule> ALL = List.of(
                new Rule(UsageException.class, BAD_INPUT),
                new Rule(InvalidSpecException.class, BAD_INPUT),
                new Rule(InvalidOutputException.class, BAD_INPUT),
                new Rule(UnknownProfileException.class, BAD_INPUT),
                new Rule(ImageNotFoundException.class, BAD_INPUT),
                new Rule(InvalidImageException.class, BAD_INPUT),
                new Rule(InvalidRootException.class, BAD_INPUT),
                new Rule(UnreadableImageException.class, BAD_INPUT),
                new Rule(CorruptImageException.class, BAD_INPUT),
                new Rule(UnsupportedEntryException.class, BAD_INPUT),
                new Rule(SigningKeyException.class, BAD_INPUT),
                new Rule(NotAVerityImageException.class, BAD_INPUT),
                new Rule(InvalidSourceException.class, BAD_INPUT),
                new Rule(UnknownGroupException.class, BAD_INPUT),
                new Rule(FeedConflictException.class, BAD_INPUT),
                new Rule(FeedVerificationException.class, BAD_INPUT),
                new Rule(OutputWriteException.class, ENVIRONMENT),
                new Rule(MissingToolException.class, ENVIRONMENT),
                new Rule(BusUnavailableException.class, ENVIRONMENT),
                new Rule(PortabledUnavailableException.class, ENVIRONMENT),
                new Rule(NotAuthorizedException.class, ENVIRONMENT),
                new Rule(UnsupportedBySystemdException.class, ENVIRONMENT),
                new Rule(UserMountUnavailableException.class, ENVIRONMENT),
                new Rule(SourceUnavailableException.class, ENVIRONMENT),
                new Rule(PortajavaException.class, FAILED));
    }

    private final int code;
    private final String description;

    ExitStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The list {@code --help} shows: code to description. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitStatus status : values()) {
            list.put(Integer.toString(status.code), status.description);
        }
        return list;
    }

    /** How a command that threw {@code error} ends: an error no rule knows is a bug. */
    public static ExitStatus of(Throwable error) {
        for (Rule rule : Rules.ALL) {
            if (rule.type().isInstance(error)) {
                return rule.status();
            }
        }
        return INTERNAL;
    }

    private record Rule(Class<? extends Throwable> type, ExitStatus status) {
    }
}
