package org.freedesktop.dbus.errors;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.DBus.Error.InteractiveAuthorizationRequired}: the caller must authenticate through polkit. dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class InteractiveAuthorizationRequired extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public InteractiveAuthorizationRequired(String message) {
        super(message);
    }
}
