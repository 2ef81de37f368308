package dev.portajava.jvm;

import dev.portajava.PortajavaException;

/**
 * jdeps could not tell the JDK modules of an application's jars: a jar is missing, unreadable or not a jar, or jdeps
 * printed something other than a list of modules. The message names the jar and gives jdeps's own, on one line.
 */
public final class JdepsException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    JdepsException(String message, Throwable cause) {
        super(message, cause);
    }
}
