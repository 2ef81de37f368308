package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;

/** One step of a build, run in order by {@link BuildRunner}; only the staging tree is written. */
public interface BuildStep {

    /** A short name for progress events. */
    String name();

    void run(BuildContext context) throws PortajavaException;
}
