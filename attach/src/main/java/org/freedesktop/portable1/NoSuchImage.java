package org.freedesktop.portable1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.portable1.NoSuchImage}: portabled found no image of that name or path. dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class NoSuchImage extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public NoSuchImage(String message) {
        super(message);
    }
}
