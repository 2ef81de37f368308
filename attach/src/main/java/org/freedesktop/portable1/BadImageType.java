package org.freedesktop.portable1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.portable1.BadImageType}: the image is of a type portabled cannot use. dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class BadImageType extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public BadImageType(String message) {
        super(message);
    }
}
