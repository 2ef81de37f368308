package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import dev.portajava.attach.Target;
import java.util.Optional;

/**
 * Translates D-Bus errors into portajava's exceptions, with messages a user can act on where the bus leads
 * ({@link Target}): a hint names the scope or host the command ran on. The only place that does. Every call on the
 * bus goes through here, so it compiles no regular expression: the first costs a command about 4 ms.
 */
final class DBusErrors {

    private DBusErrors() {
    }

    /** A call on the bus. */
    interface BusCall<T> {
        T run() throws BusError;
    }

    /** Runs {@code call}, translating its error as {@link #translate} does. */
    static <T> T translating(Target target, String subject, String service, BusCall<T> call) throws AttachException {
        try {
            return call.run();
        } catch (BusError e) {
            throw translate(e, target, subject, service);
        }
    }

    /**
     * @param target where the bus leads, for the hints
     * @param subject what the call was about (an image or a unit), for the message
     * @param service the bus name called, to tell a missing portabled from a missing systemd
     */
    static AttachException translate(BusError e, Target target, String subject, String service) {
        String name = e.name();
        String message = e.getMessage() == null ? name : e.getMessage().strip();
        return switch (name) {
            case "org.freedesktop.portable1.NoSuchImage", "org.freedesktop.DBus.Error.FileNotFound" ->
                    new ImageNotFoundException(subject + ": no such image; give the path of a .raw image or an image"
                            + " directory, or a name '" + target.command("list") + "' shows", e);
            case "org.freedesktop.portable1.BadImageType" -> new InvalidImageException(subject
                    + ": not an image portabled can use (" + message + ")", e);
            case "org.freedesktop.systemd1.UnitExists" -> conflict(message, target, e);
            case "org.freedesktop.systemd1.NoSuchUnit" -> new NotAttachedException(subject
                    + ": not attached; '" + target.command("list") + "' shows what is", e);
            case "org.freedesktop.DBus.Error.InvalidArgs" -> new InvalidImageException(subject + ": " + message, e);
            case "org.freedesktop.DBus.Error.AccessDenied",
                    "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" -> new NotAuthorizedException(
                    "permission denied by " + service + " (" + message + "); " + target.whoIsLetIn(), e);
            case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner" ->
                    unavailable(target, service, e);
            case BusError.NO_REPLY, "org.freedesktop.DBus.Error.Timeout" -> new AttachException(
                    service + " did not answer in time (" + message + ")", e);
            default -> new AttachException(subject + ": " + message, e);
        };
    }

    private static AttachException conflict(String message, Target target, BusError e) {
        String unit = firstQuoted(message).orElse("a unit of this image");
        if (message.contains("is active")) {
            return new AttachConflictException(unit + " is active; stop it first, or detach with --now", e);
        }
        return new AttachConflictException(unit + " already exists " + target.place() + "; detach it or use --force",
                e);
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

    private static AttachException unavailable(Target target, String service, BusError e) {
        if (service.equals(PortableManager.BUS_NAME)) {
            return new PortabledUnavailableException("systemd-portabled is not available " + target.place()
                    + " (install the systemd-container package)", e);
        }
        return new PortabledUnavailableException(service + " is not on " + target.bus() + "; is systemd running?", e);
    }
}
