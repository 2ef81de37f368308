package dev.portajava.feed;

import dev.portajava.PortajavaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The machine as {@code portajava update} changes and watches it. */
public interface UpdateHost {

    /** Whether the machine is running: units are restarted, watched and checked (not with {@code --root}). */
    boolean live();

    /**
     * Reattaches {@code image} with {@code profile} in place of what an image of its name attached, restarting the
     * units; returns the units started. A unit that fails to start is an
     * {@link dev.portajava.attach.UnitFailedException}.
     */
    List<String> reattach(Path image, String profile) throws PortajavaException;

    /** The active state of each of {@code units} now. */
    Map<String, String> activeStates(List<String> units) throws PortajavaException;

    /** The main process of the service {@code unit}; 0 if it has none. */
    long mainPid(String unit) throws PortajavaException;

    /** The last lines the journal holds for {@code unit}, empty if it cannot tell. */
    String journal(String unit);
}
