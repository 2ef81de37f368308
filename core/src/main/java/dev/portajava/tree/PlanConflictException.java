package dev.portajava.tree;

import dev.portajava.PortajavaException;

/**
 * An edit of an {@link ImagePlan.Builder} that the image cannot take: a path through a symlink or through something
 * that is not a directory, a file where a directory is, a link to an entry that is not there. The message names the
 * path in the image and the problem, in one line.
 */
public final class PlanConflictException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public PlanConflictException(String message) {
        super(message);
    }
}
