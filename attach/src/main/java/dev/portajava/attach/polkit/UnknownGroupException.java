package dev.portajava.attach.polkit;

import dev.portajava.attach.AttachException;

/** The group a rule would name does not exist on the host. */
public final class UnknownGroupException extends AttachException {

    private static final long serialVersionUID = 1L;

    UnknownGroupException(PolkitGroup group) {
        super("no group " + group + " on this host; create it first (groupadd " + group + ") and add its members"
                + " (usermod -aG " + group + " USER)");
    }
}
