package dev.portajava.profiles;

import dev.portajava.PortajavaException;
import java.util.Collection;

/** A profile name that no profile directory and no built-in profile provides. */
public final class UnknownProfileException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public UnknownProfileException(String name, Collection<String> known) {
        super("unknown profile '" + name + "'; known profiles: " + String.join(", ", known));
    }

}
