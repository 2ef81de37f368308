package dev.portajava.attach.dbus;

/**
 * A call on the bus that failed: the error reply's D-Bus name and message, or, when the connection failed or the
 * reply did not come in time, {@code org.freedesktop.DBus.Error.Disconnected} or {@code …NoReply}, as sd-bus reports
 * them. {@link DBusErrors} turns it into portajava's exceptions.
 */
final class BusError extends Exception {

    static final String DISCONNECTED = "org.freedesktop.DBus.Error.Disconnected";
    static final String NO_REPLY = "org.freedesktop.DBus.Error.NoReply";

    private final String name;

    BusError(String name, String message) {
        super(message);
        this.name = name;
    }

    BusError(String name, String message, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    /** The D-Bus error name, such as {@code org.freedesktop.systemd1.NoSuchUnit}. */
    String name() {
        return name;
    }
}
