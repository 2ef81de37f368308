package dev.portajava.attach;

/** One connection to a host's portabled and systemd, open for one command. */
public interface HostConnection extends AutoCloseable {

    PortableImages portables();

    UnitManager units();

    @Override
    void close();

    /** Opens a connection; the production one is the system bus ({@code dev.portajava.attach.dbus.SystemBus}). */
    @FunctionalInterface
    interface Factory {
        HostConnection connect() throws AttachException;
    }
}
