package org.freedesktop.dbus.errors;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.DBus.Error.FileNotFound}: portabled found no file at the image path.
 * dbus-java turns a D-Bus error into the exception class of the same name, and reports no name otherwise, so this
 * class is how portajava tells the error apart.
 */
public class FileNotFound extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public FileNotFound(String message) {
        super(message);
    }
}
