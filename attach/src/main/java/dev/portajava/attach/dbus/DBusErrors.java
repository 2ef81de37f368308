package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import java.util.Optional;

/**
 * Translates D-Bus errors into portajava's exceptions, with messages a user can act on. The only place that does.
 * Every call on the bus goes through here, so it compiles no regular expression: the first costs a command about
 * 4 ms.
 */
final class DBusErrors {

    private DBusErrors() {
    }

    /** A call on the bus. */
    interface BusCall<T> {
        T run() throws BusError;
    }

    /** Runs {@code call}, translating its error as {@link #translate} does. */
    static <T> T translating(String subject, String service, BusCall<T> call) throws AttachException {
        try {
            return call.run();
        } catch (BusError e) {
            throw translate(e, subject, service);
        }
    }

    /**
     * @param subject what the call was about (an image or a unit), for the message
     * @param service the bus name called, to tell a missing portabled from a missing systemd
     */
    static AttachException translate(BusError e, String subject, String service) {
        String name = e.name();
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
            case BusError.NO_REPLY, "org.freedesktop.DBus.Error.Timeout" -> new AttachException(
                    service + " did not answer in time (" + message + ")", e);
            default -> new AttachException(subject + ": " + message, e);
        };
    }

    private static AttachException conflict(String message, BusError e) {
        String unit = firstQuoted(message).orElse("a unit of this image");
        if (message.contains("is active")) {
            return new AttachConflictException(unit + " is active; stop it first, or detach with --now", e);
        }
        return new AttachConflictException(unit + " already exists on this host; detach it or use --force", e);
    }

    /** The first non-empty text between single quotes in {@code message}, as systemd quotes unit names. */
    static Optional<String> firstQuoted(String message) {
        int open = message.indexOf('\'');
        while (open >= 0) {
            int close = message.indexOf('\'', open + 1);
            if (close < 0) {
                break;
            }
            if (close > open + 1) {
                return Optional.of(message.substring(open + 1, close));
            }
            open = close;
        }
        return Optional.empty();
    }

    private static AttachException unavailable(String service, BusError e) {
        if (service.equals(PortableManager.BUS_NAME)) {
            return new PortabledUnavailableException("systemd-portabled is not available on this host"
                    + " (install the systemd-container package)", e);
        }
        return new PortabledUnavailableException(service + " is not on the system bus; is systemd running?", e);
    }
}
