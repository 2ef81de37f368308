package dev.portajava.attach.remote;

import dev.portajava.attach.RemoteHostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The remote system bus as a local socket: {@code systemd-stdio-bridge} runs on the host over the ssh connection, as
 * {@code systemctl -H} runs it, and a private unix socket here is piped to its standard input and output. A D-Bus
 * client connects to {@link #address()} as to any bus; it is served once, by one connection. It ends with the ssh
 * connection ({@link SshSession#close()}), which ends the bridge.
 */
public final class BusTunnel {

    public static final String BRIDGE = "systemd-stdio-bridge";

    private final SshSession session;
    private final SshSession.Command bridge;
    private final ServerSocketChannel server;
    private final UnixDomainSocketAddress socket;

    private BusTunnel(SshSession session, SshSession.Command bridge, ServerSocketChannel server,
            UnixDomainSocketAddress socket) {
        this.session = session;
        this.bridge = bridge;
        this.server = server;
        this.socket = socket;
    }

    public static BusTunnel open(SshSession session) throws RemoteHostException {
        UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(session.privatePath("bus"));
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(socket, 1);
        } catch (IOException e) {
            throw new RemoteHostException("cannot make a socket for the bus of " + session.host() + ": "
                    + e.getMessage(), e);
        }
        SshSession.Command bridge;
        try {
            bridge = session.startProgram(BRIDGE);
        } catch (RemoteHostException e) {
            closeQuietly(server);
            throw e;
        }
        BusTunnel tunnel = new BusTunnel(session, bridge, server, socket);
        Thread acceptor = new Thread(tunnel::serve, "bus tunnel to " + session.host());
        acceptor.setDaemon(true);
        acceptor.start();
        return tunnel;
    }

    /** The D-Bus address of the local socket. */
    public String address() {
        return "unix:path=" + socket.getPath();
    }

    /**
     * Why the bus could not be reached, when the bridge ended: ssh's or the remote shell's last line, or that the
     * host has no {@code systemd-stdio-bridge}.
     */
    public RemoteHostException failure(String what) {
        Process process = bridge.process();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                return new RemoteHostException("cannot reach the system bus of " + session.host() + " through "
                        + BRIDGE + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = process.exitValue();
        String line = bridge.lastError(BRIDGE + " exited with status " + status);
        if (status == 127) {
            return new RemoteHostException(session.host() + " has no " + BRIDGE + " (" + line + "); install"
                    + " systemd there, which reaches its system bus for ssh");
        }
        return new RemoteHostException("cannot reach the system bus of " + session.host() + " through " + BRIDGE
                + ": " + line);
    }

    /**
     * Accepts the one client and pipes it to the bridge both ways. The socket channel is read and written directly:
     * its stream adapters share one lock, so a read waiting for the client would hold up every write to it.
     */
    private void serve() {
        try (SocketChannel client = server.accept()) {
            closeQuietly(server);
            Process process = bridge.process();
            Thread upstream = new Thread(() -> toBridge(client, process.getOutputStream()),
                    "bus tunnel to " + session.host());
            upstream.setDaemon(true);
            upstream.start();
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                    while (data.hasRemaining()) {
                        client.write(data);
                    }
                }
            } catch (IOException e) {
                // the client or the bridge went away: the D-Bus connection sees the end of its stream
            }
        } catch (IOException e) {
            // closed before anyone connected
        }
    }

    private static void toBridge(SocketChannel client, OutputStream bridge) {
        try (bridge) {
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (client.read(buffer) >= 0) {
                bridge.write(buffer.array(), 0, buffer.position());
                bridge.flush();
                buffer.clear();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was accepted on it that needs it
        }
    }
}
