package dev.portajava.feed;

import java.util.List;

/**
 * How an update of one service ended.
 *
 * @param from the version attached before
 * @param to the newest version the feed offers
 * @param failed with {@link Status#ROLLED_BACK}: each unit that failed its health check, with its last journal lines
 */
public record UpdateOutcome(String name, Status status, String from, String to, List<String> failed) {

    public enum Status {
        /** The feed has nothing newer: nothing was downloaded. */
        UP_TO_DATE,
        /** {@code --dry-run}: the newer version would be installed. */
        WOULD_UPDATE,
        /** The newer version is attached, running and healthy. */
        UPDATED,
        /** The newer version failed its health check: the one before is attached again. */
        ROLLED_BACK
    }

    public UpdateOutcome {
        failed = List.copyOf(failed);
    }
}
