package dev.portajava.feed;

/**
 * The steps of one {@code portajava update} of a service, in the order they run. Each change an update makes to the
 * machine is one of them, announced to the {@link UpdateHook} before it is made.
 */
public enum UpdateStep {
    /** The new image, into a hidden directory of {@code /var/lib/portables}, checked against the signed sums. */
    DOWNLOAD,
    /** Its health check read from its os-release, then the image renamed into {@code /var/lib/portables}. */
    CHECK,
    /** The new image reattached in place of the old one, its units restarted. */
    REATTACH,
    /** The units watched for the settle time. */
    SETTLE,
    /** The image's health check run. */
    HEALTH,
    /** The old image reattached, after a failed start, settle or health check. */
    ROLLBACK,
    /** A failed image, or what an interrupted update left, removed. */
    DISCARD,
    /** The installation record moved to the new version. */
    RECORD,
    /** An image beyond {@code --keep} removed. */
    PRUNE
}
