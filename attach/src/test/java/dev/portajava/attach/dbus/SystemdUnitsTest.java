package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.NotAuthorizedException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enabling and disabling, as the calls systemd's manager gets on the bus. */
class SystemdUnitsTest {

    private static final String ATTACHED = "/etc/systemd/system.attached/";

    @TempDir
    Path dir;

    /** systemd's manager on a unix socket: it records the calls and answers each with {@code answer}'s reply. */
    private final class FakeManager implements AutoCloseable {
        final List<Message> calls = new CopyOnWriteArrayList<>();
        private final ServerSocketChannel server;

        FakeManager(Function<Message, Message> answer) throws IOException {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("bus")));
            Thread thread = new Thread(() -> serve(answer));
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(Function<Message, Message> answer) {
            try (SocketChannel client = server.accept()) {
                while (!SaslLines.read(client).replace("\0", "").equals("BEGIN")) {
                    SaslLines.write(client, "OK 0123456789abcdef0123456789abcdef");
                }
                long serial = 100;
                while (true) {
                    Message call = Message.read(client);
                    Message reply;
                    if (call.member().equals("Hello")) {
                        reply = Message.reply(call, "s", List.of(":1.42"));
                    } else {
                        calls.add(call);
                        reply = answer.apply(call);
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(reply.encode(++serial));
                    while (bytes.hasRemaining()) {
                        client.write(bytes);
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        /** Each call as its member, signature and arguments. */
        List<List<Object>> made() {
            return calls.stream().map(c -> List.of(c.member(), c.signature(), c.body())).toList();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static List<Object> change(String type, String path, String source) {
        return List.of(type, path, source);
    }

    @Test
    void enableUnitFiles_enablesThemAsPortableUnits_asPortablectlDoes() throws Exception {
        try (FakeManager systemd = new FakeManager(call -> Message.reply(call, "ba(sss)", List.of(true, List.of(
                change("symlink", ATTACHED + "multi-user.target.wants/app.service", ATTACHED + "app.service")))));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus);

            List<Change> changes = units.enableUnitFiles(List.of("app.service"), false);
            units.enableUnitFiles(List.of("app.service"), true);

            assertEquals(List.of(new Change(ChangeType.SYMLINK, ATTACHED + "multi-user.target.wants/app.service",
                    ATTACHED + "app.service")), changes);
            assertEquals(List.of(
                    List.of("EnableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 4L)),
                    List.of("EnableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 5L))),
                    systemd.made());
        }
    }

    @Test
    void disableUnitFiles_disablesThemAsPortableUnits_thenAsPlainOnes_withBothChanges() throws Exception {
        try (FakeManager systemd = new FakeManager(call -> Message.reply(call, "a(sss)", List.of(
                call.member().equals("DisableUnitFilesWithFlags")
                        ? List.of(change("unlink", ATTACHED + "multi-user.target.wants/app.service", ""))
                        : List.of(change("unlink", "/etc/systemd/system/multi-user.target.wants/app.service", "")))));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus);

            List<Change> changes = units.disableUnitFiles(List.of("app.service"), false);

            assertEquals(List.of(
                    new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/app.service", ""),
                    new Change(ChangeType.UNLINK, "/etc/systemd/system/multi-user.target.wants/app.service", "")),
                    changes);
            assertEquals(List.of(
                    List.of("DisableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 4L)),
                    List.of("DisableUnitFiles", "asb", List.of(List.of("app.service"), false))),
                    systemd.made());
        }
    }

    @Test
    void disableUnitFiles_runtime_disablesUnderRunOnly() throws Exception {
        try (FakeManager systemd = new FakeManager(call -> Message.reply(call, "a(sss)", List.of(List.of())));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            List<Change> changes = new SystemdUnits(bus).disableUnitFiles(List.of("a.service", "b.socket"), true);

            assertEquals(List.of(), changes);
            assertEquals(List.of(
                    List.of("DisableUnitFilesWithFlags", "ast", List.of(List.of("a.service", "b.socket"), 5L)),
                    List.of("DisableUnitFiles", "asb", List.of(List.of("a.service", "b.socket"), true))),
                    systemd.made());
        }
    }

    /** systemd 252's bus policy: a user that is not root may call the plain methods only, not the flagged ones. */
    private static Message policy252(Message call) {
        if (call.member().endsWith("WithFlags")) {
            return Message.error(call, "org.freedesktop.DBus.Error.AccessDenied", "Rejected send message, 3 matched"
                    + " rules; type=\"method_call\", member=\"" + call.member() + "\"");
        }
        return call.member().equals("EnableUnitFiles")
                ? Message.reply(call, "ba(sss)", List.of(true, List.of(change("symlink",
                        "/etc/systemd/system/multi-user.target.wants/app.service", ATTACHED + "app.service"))))
                : Message.reply(call, "a(sss)", List.of(List.of(change("unlink",
                        "/etc/systemd/system/multi-user.target.wants/app.service", ""))));
    }

    @Test
    void enableAndDisable_whereTheBusLetsTheCallerCallThePlainMethodsOnly_useThem() throws Exception {
        try (FakeManager systemd = new FakeManager(SystemdUnitsTest::policy252);
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus);

            List<Change> enabled = units.enableUnitFiles(List.of("app.service"), false);
            List<Change> disabled = units.disableUnitFiles(List.of("app.service"), false);

            assertEquals(List.of(new Change(ChangeType.SYMLINK, "/etc/systemd/system/multi-user.target.wants/app.service",
                    ATTACHED + "app.service")), enabled);
            assertEquals(List.of(new Change(ChangeType.UNLINK,
                    "/etc/systemd/system/multi-user.target.wants/app.service", "")), disabled);
            assertEquals(List.of("EnableUnitFilesWithFlags", "EnableUnitFiles", "DisableUnitFilesWithFlags",
                    "DisableUnitFiles"), systemd.made().stream().map(call -> call.get(0)).toList());
        }
    }

    @Test
    void enable_whenPolkitRefusesThePlainMethodToo_isNotAuthorized() throws Exception {
        try (FakeManager systemd = new FakeManager(call -> Message.error(call,
                "org.freedesktop.DBus.Error.AccessDenied", "Access denied"));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus);

            assertThrows(NotAuthorizedException.class, () -> units.enableUnitFiles(List.of("app.service"), false));
            assertEquals(List.of("EnableUnitFilesWithFlags", "EnableUnitFiles"),
                    systemd.made().stream().map(call -> call.get(0)).toList());
        }
    }
}
