package dev.portajava.attach.dbus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bus for the commands a start-up archive is trained on, so that a command on a host's bus finds every class and
 * call site it runs in the archive: on a unix socket in a directory of its own, it authenticates each connection,
 * then answers as a host whose portabled attaches and detaches as asked:
 * <ul>
 * <li>the bus's {@code Hello} and {@code ListNames} (portabled's among them);
 * <li>portabled's {@code Profiles} (systemd's four), {@code GetImageState} ({@code attached}), {@code AttachImage}
 * and {@code DetachImage} (one change each);
 * <li>the manager's {@code Reload}, and its {@code DisableUnitFilesWithFlags} and {@code DisableUnitFiles} for the
 * detached unit, answered as systemd answers them for a unit no link names ({@code NoSuchUnit}).
 * </ul>
 * Any other call is answered with {@code UnknownMethod}, so that a command that needs more (one that starts or
 * stops units) fails there, after loading what it loads on a host.
 */
public final class TrainingBus implements AutoCloseable {

    private static final String UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod";
    private static final String PROPERTIES = "org.freedesktop.DBus.Properties";

    private final Path socket;
    private final ServerSocketChannel server;

    private TrainingBus(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /** Starts the bus on a socket in a new temporary directory, serving one connection at a time. */
    public static TrainingBus start() throws IOException {
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
    public String address() {
        return "unix:path=" + socket;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                authenticate(client);
                long serial = 0;
                while (true) {
                    ByteBuffer answer = ByteBuffer.wrap(answer(Message.read(client)).encode(++serial));
                    while (answer.hasRemaining()) {
                        client.write(answer);
                    }
                }
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

    /** The answer to {@code call}, as a host's bus, portabled and manager give it. */
    static Message answer(Message call) {
        String changes = PortableChange.SIGNATURE;
        String unit = "/etc/systemd/system.attached/train.service";
        return switch (call.iface() + "." + call.member()) {
            case BusConnection.BUS + ".Hello" -> Message.reply(call, "s", List.of(":1.1"));
            case BusConnection.BUS + ".ListNames" -> Message.reply(call, "as",
                    List.of(List.of(BusConnection.BUS, PortableManager.BUS_NAME, SystemdManager.BUS_NAME)));
            case PROPERTIES + ".Get" -> call.body().equals(List.of(PortableManager.INTERFACE, "Profiles"))
                    ? Message.reply(call, "v", List.of(new Variant("as",
                            List.of("default", "nonetwork", "strict", "trusted"))))
                    : unknown(call);
            case PortableManager.INTERFACE + ".GetImageState" -> Message.reply(call, "s", List.of("attached"));
            case PortableManager.INTERFACE + ".AttachImage" -> Message.reply(call, changes,
                    List.of(List.of(List.of("copy", unit, "/usr/lib/systemd/system/train.service"))));
            case PortableManager.INTERFACE + ".DetachImage" -> Message.reply(call, changes,
                    List.of(List.of(List.of("unlink", unit, ""))));
            case SystemdManager.INTERFACE + ".Reload" -> Message.reply(call, "", List.of());
            case SystemdManager.INTERFACE + ".DisableUnitFilesWithFlags", SystemdManager.INTERFACE
                    + ".DisableUnitFiles" -> Message.error(call, SystemdUnits.NO_SUCH_UNIT,
                            "Unit file train.service does not exist.");
            default -> unknown(call);
        };
    }

    private static Message unknown(Message call) {
        return Message.error(call, UNKNOWN_METHOD, "the training bus does not answer " + call.iface() + "."
                + call.member());
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(socket.getParent());
    }
}
