package dev.portajava.ddi.internal;

import java.io.IOException;

/** A GPT whose header and entries pass their checksums but describe a partition that cannot be on the disk. */
public final class DamagedTableException extends IOException {

    private static final long serialVersionUID = 1L;

    DamagedTableException(String problem) {
        super(problem);
    }
}
