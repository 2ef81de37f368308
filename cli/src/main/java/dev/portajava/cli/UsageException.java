package dev.portajava.cli;

import dev.portajava.PortajavaException;

/** The command line or the environment it runs in asks for something that cannot be done. */
class UsageException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

}
