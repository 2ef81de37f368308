package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.NotAuthorizedException;
import java.io.IOException;

/**
 * What a failed write of the native backend tells its user. A write the system refuses for lack of rights says
 * to run as root, since running the same command again as the same user cannot help; any other failure can be
 * finished by running the command again, as every step is idempotent.
 */
final class WriteFailures {

    private WriteFailures() {
    }

    /** @param what the command that failed, as in {@code reattach of /var/lib/portables/app_2.raw} */
    static AttachException of(IOException e, String what) {
        return NotAuthorizedException.ofWrite(e).map(AttachException.class::cast)
                .orElseGet(() -> new AttachException(what + " failed: cannot write " + e.getMessage()
                        + "; run the same command again to finish it", e));
    }
}
