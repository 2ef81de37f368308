package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** Translates D-Bus errors into portajava's exceptions, with messages a user can act on. The only place that does. */
final class DBusErrors {

    private static final String DBUS_ERRORS_PACKAGE = "org.freedesktop.dbus.errors.";
    private static final String DBUS_ERROR_PREFIX = "org.freedesktop.DBus.Error.";
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private DBusErrors() {
    }

    /**
     * The D-Bus error name of {@code e}. dbus-java 5.1 keeps no name: it throws the exception class named after
     * the error when there is one (ours are in {@code org.freedesktop.portable1}, {@code org.freedesktop.systemd1}
     * and, for the bus's own errors, {@code org.freedesktop.dbus.errors}), else a plain DBusExecutionException.
     */
    static String name(DBusExecutionException e) {
        String name = e.getClass().getName();
        return name.startsWith(DBUS_ERRORS_PACKAGE) ? DBUS_ERROR_PREFIX + name.substring(DBUS_ERRORS_PACKAGE.length()) : name;
    }

    /**
     * @param subject what the call was about (an image or a unit), for the message
     * @param service the bus name called, to tell a missing portabled from a missing systemd
     */
    static AttachException translate(DBusExecutionException e, String subject, String service) {
        String name = name(e);
        String message = e.getMessage() == null ? name : e.getMessage().strip();
        return switch (name) {
            case "org.freedesktop.portable1.NoSuchImage", "org.freedesktop.DBus.Error.FileNotFound" -> new ImageNotFoundException(subject
                    + ": no such image; give the path of a .raw image or an image directory, or a name 'portajava list' shows", e);
            case "org.freedesktop.portable1.BadImageType" -> new InvalidImageException(subject
                    + ": not an image portabled can use (" + message + ")", e);
            case "org.freedesktop.systemd1.UnitExists" -> conflict(message, e);
            case "org.freedesktop.systemd1.NoSuchUnit" -> new NotAttachedException(subject
                    + ": not attached; 'portajava list' shows what is", e);
            case "org.freedesktop.DBus.Error.InvalidArgs" -> new InvalidImageException(subject + ": " + message, e);
            case "org.freedesktop.DBus.Error.AccessDenied",
                    "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" -> new NotAuthorizedException(
                    "permission denied by " + service + " (" + message + "); run portajava as root, or as a member"
                    + " of a group that 'portajava polkit GROUP' lets in", e);
            case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner" -> unavailable(service, e);
            case "org.freedesktop.DBus.Error.NoReply", "org.freedesktop.DBus.Error.Timeout" -> new AttachException(
                    service + " did not answer in time (" + message + ")", e);
            default -> new AttachException(subject + ": " + message, e);
        };
    }

    private static AttachException conflict(String message, DBusExecutionException e) {
        Matcher quoted = QUOTED.matcher(message);
        String unit = quoted.find() ? quoted.group(1) : "a unit of this image";
        if (message.contains("is active")) {
            return new AttachConflictException(unit + " is active; stop it first, or detach with --now", e);
        }
        return new AttachConflictException(unit + " already exists on this host; detach it or use --force", e);
    }

    private static AttachException unavailable(String service, DBusExecutionException e) {
        if (service.equals(PortableManager.BUS_NAME)) {
            return new PortabledUnavailableException("systemd-portabled is not available on this host"
                    + " (install the systemd-container package)", e);
        }
        return new PortabledUnavailableException(service + " is not on the system bus; is systemd running?", e);
    }
}
