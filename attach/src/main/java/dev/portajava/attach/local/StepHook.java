package dev.portajava.attach.local;

import java.io.IOException;

/**
 * Called before every single file system operation of a native attach, detach or reattach. Production code passes
 * {@link #NONE}; the crash tests stop the process at step N to prove that every prefix of the sequence is safe, and
 * a hook may fail an operation as the file system would.
 */
@FunctionalInterface
public interface StepHook {

    /** Does nothing; a class, not a lambda: the commands that attach and detach link none (StartupTest). */
    StepHook NONE = new StepHook() {
        @Override
        public void before(int step, String what) {
        }
    };

    /** About to do {@code what}; {@code step} counts from 1. */
    void before(int step, String what) throws IOException;
}
