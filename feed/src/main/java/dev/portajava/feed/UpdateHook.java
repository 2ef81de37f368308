package dev.portajava.feed;

import java.io.IOException;

/**
 * Called before every step of an update changes the machine. Production code passes {@link #NONE}; the crash tests
 * stop the run before step N, as a killed process stops, to prove that every prefix of the sequence leaves the old
 * or the new version attached.
 */
@FunctionalInterface
public interface UpdateHook {

    UpdateHook NONE = (step, what) -> { };

    /** About to do {@code what}, part of {@code step}. */
    void before(UpdateStep step, String what) throws IOException;
}
