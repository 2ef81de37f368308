package org.freedesktop.dbus.errors;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.DBus.Error.InvalidArgs}: the arguments were refused (portabled: no os-release, prefix not allowed, no matching unit). dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class InvalidArgs extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public InvalidArgs(String message) {
        super(message);
    }
}
