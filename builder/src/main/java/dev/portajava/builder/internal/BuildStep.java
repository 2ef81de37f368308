package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;

/** One step of a build, run in order by {@link BuildRunner}; steps edit the image's plan in memory and write nothing. */
public interface BuildStep {

    /** A short name for progress events. */
    String name();

    void run(BuildContext context) throws PortajavaException;
}
