package dev.portajava.attach.remote;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.PortabledUnavailableException;
import dev.portajava.attach.Target;
import dev.portajava.attach.local.HostTree;
import java.util.function.Consumer;

/**
 * Connects to a remote host's portabled and systemd ({@code -H}): logs in over ssh once ({@link SshSession}), reaches
 * the host's system bus through {@code systemd-stdio-bridge} ({@link BusTunnel}), and serves attach there
 * ({@link RemotePortabledHost}). Only portabled attaches remotely: the native backend writes this machine's files.
 */
public final class RemoteConnector implements HostConnection.Factory {

    /**
     * Opens a D-Bus connection to an address, which leads to {@code target}; the production one is
     * {@code SystemBus::connectTunnel}.
     */
    @FunctionalInterface
    public interface BusOpener {
        HostConnection connect(String address, Target target) throws AttachException;
    }

    private final RemoteHost host;
    private final String ssh;
    private final BusOpener opener;
    private final HostTree local;
    private final Consumer<String> notes;

    public RemoteConnector(RemoteHost host, String ssh, BusOpener opener, HostTree local, Consumer<String> notes) {
        this.host = host;
        this.ssh = ssh;
        this.opener = opener;
        this.local = local;
        this.notes = notes;
    }

    @Override
    public HostConnection connect() throws AttachException {
        SshSession session = SshSession.open(host, ssh);
        try {
            BusTunnel tunnel = BusTunnel.open(session);
            HostConnection bus;
            try {
                bus = opener.connect(tunnel.address(), Target.remote(host));
            } catch (BusUnavailableException e) {
                throw tunnel.failure(e.getMessage());
            }
            try {
                if (!bus.portabledAvailable()) {
                    throw new PortabledUnavailableException(host + ": systemd-portabled cannot be started on its"
                            + " system bus (it is not installed there, or its unit is masked)");
                }
                notes.accept("backend: portabled on " + host + ", over ssh");
                return new RemotePortabledHost(bus, session, local, notes);
            } catch (AttachException | RuntimeException e) {
                bus.close();
                throw e;
            }
        } catch (AttachException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
