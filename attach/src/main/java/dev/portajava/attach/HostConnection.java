package dev.portajava.attach;

/** One connection to a host's portabled and systemd, open for one command. */
public interface HostConnection extends AutoCloseable {

    PortableImages portables();

    UnitManager units();

    /** Where this connection leads, for the commands a message suggests: this host's system, by default. */
    default Target target() {
        return Target.SYSTEM;
    }

    /** True if systemd-portabled answers on this host, or can be started by its bus name. */
    default boolean portabledAvailable() throws AttachException {
        return true;
    }

    @Override
    void close();

    /** Opens a connection; the production one is the system bus ({@code dev.portajava.attach.dbus.SystemBus}). */
    @FunctionalInterface
    interface Factory {
        HostConnection connect() throws AttachException;
    }
}
