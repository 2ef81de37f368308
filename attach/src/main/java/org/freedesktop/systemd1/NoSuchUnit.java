package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.systemd1.NoSuchUnit}: no such unit, or it is not loaded. dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class NoSuchUnit extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public NoSuchUnit(String message) {
        super(message);
    }
}
