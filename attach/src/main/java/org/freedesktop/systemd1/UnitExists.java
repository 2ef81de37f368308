package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.systemd1.UnitExists}: a unit file of that name is on the host already, or is active. dbus-java turns a D-Bus error into the exception class of the same name, and
 * reports no name otherwise, so this class is how portajava tells the error apart.
 */
public class UnitExists extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public UnitExists(String message) {
        super(message);
    }
}
