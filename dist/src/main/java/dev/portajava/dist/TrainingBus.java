package dev.portajava.dist;

import dev.portajava.attach.dbus.SaslLines;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bus for the training commands: on a unix socket in a directory of its own, it accepts each connection's
 * authentication, then closes the connection. A command on it loads its connection code, sends its first message
 * and fails as on a host whose bus went away.
 */
final class TrainingBus implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;

    private TrainingBus(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    static TrainingBus start() throws IOException {
        Path socket = Files.createTempDirectory("pj-train-").resolve("bus");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        TrainingBus bus = new TrainingBus(socket, server);
        Thread thread = new Thread(bus::serve, "training-bus");
        thread.setDaemon(true);
        thread.start();
        return bus;
    }

    /** The bus's address, for {@code DBUS_SYSTEM_BUS_ADDRESS}. */
    String address() {
        return "unix:path=" + socket;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                authenticate(client);
            } catch (IOException e) {
                // the client went away, or the bus is closed
            }
        }
    }

    /** Reads the client's lines up to {@code BEGIN}, answering {@code AUTH} with {@code OK}. */
    private static void authenticate(SocketChannel client) throws IOException {
        String command;
        while (!(command = SaslLines.read(client).replace("\0", "")).equals("BEGIN")) {
            if (command.startsWith("AUTH")) {
                SaslLines.write(client, "OK 0123456789abcdef0123456789abcdef");
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(socket.getParent());
    }
}
