package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a bus on a unix socket that answers as a test tells it to. */
class BusConnectionTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** A bus serving one connection: it authenticates it, then answers each call with {@code answer}'s messages. */
    private final class FakeBus implements AutoCloseable {
        final List<Message> calls = new CopyOnWriteArrayList<>();
        final List<String> authentication = new CopyOnWriteArrayList<>();
        private final ServerSocketChannel server;
        private final Thread thread;

        FakeBus(String authAnswer, Function<Message, List<Message>> answer) throws IOException {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("bus")));
            thread = new Thread(() -> serve(authAnswer, answer));
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(String authAnswer, Function<Message, List<Message>> answer) {
            try (SocketChannel client = server.accept()) {
                String line;
                while (!(line = SaslLines.read(client).replace("\0", "")).equals("BEGIN")) {
                    authentication.add(line);
                    SaslLines.write(client, authAnswer);
                    if (!authAnswer.startsWith("OK")) {
                        return;
                    }
                }
                long serial = 100;
                while (true) {
                    Message call = Message.read(client);
                    calls.add(call);
                    List<Message> answers = call.member().equals("Hello")
                            ? List.of(Message.reply(call, "s", List.of(":1.42"))) : answer.apply(call);
                    if (answers == null) {
                        Thread.sleep(300); // hang up once the call waits for its reply
                        return;
                    }
                    for (Message message : answers) {
                        write(client, message.encode(++serial));
                    }
                }
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Test
    void aCall_authenticatesSaysHelloAndReturnsTheReply() throws Exception {
        try (FakeBus bus = new FakeBus("OK 0123456789abcdef0123456789abcdef",
                call -> List.of(Message.reply(call, "as", List.of(List.of("strict", "default")))));
                BusConnection connection = BusConnection.open(dir.resolve("bus"))) {
            List<Object> reply = connection.call("org.freedesktop.portable1", "/org/freedesktop/portable1",
                    "org.freedesktop.DBus.Properties", "Get", "ss", "as", "i", "Profiles");
            assertEquals(List.of(List.of("strict", "default")), reply);
            String uid = String.valueOf(java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            StringBuilder hex = new StringBuilder();
            for (char c : uid.toCharArray()) {
                hex.append(Integer.toHexString(c));
            }
            assertEquals(List.of("AUTH EXTERNAL " + hex), bus.authentication);
            assertEquals("Hello", bus.calls.get(0).member());
            Message get = bus.calls.get(1);
            assertEquals(List.of("org.freedesktop.portable1", "/org/freedesktop/portable1", "Get", "ss",
                    List.of("i", "Profiles")), List.of(get.destination(), get.path(), get.member(), get.signature(),
                    get.body()));
        }
    }

    @Test
    void anErrorReply_isABusErrorOfItsName() throws Exception {
        try (FakeBus bus = new FakeBus("OK 0123456789abcdef0123456789abcdef",
                call -> List.of(Message.error(call, "org.freedesktop.portable1.NoSuchImage", "No image 'x' found.")));
                BusConnection connection = BusConnection.open(dir.resolve("bus"))) {
            BusError e = assertThrows(BusError.class, () -> connection.call("d", "/p", "i", "m", "", "s"));
            assertEquals("org.freedesktop.portable1.NoSuchImage", e.name());
            assertEquals("No image 'x' found.", e.getMessage());
        }
    }

    @Test
    void aReplyOfAnotherSignature_isRefused() throws Exception {
        try (FakeBus bus = new FakeBus("OK 0123456789abcdef0123456789abcdef",
                call -> List.of(Message.reply(call, "u", List.of(3L))));
                BusConnection connection = BusConnection.open(dir.resolve("bus"))) {
            BusError e = assertThrows(BusError.class, () -> connection.call("d", "/p", "i", "m", "", "s"));
            assertEquals("org.freedesktop.DBus.Error.InvalidSignature", e.name());
            assertTrue(e.getMessage().contains("'u', not 's'"), e.getMessage());
        }
    }

    @Test
    void aSignal_reachesItsHandlerAndOthersDoNot() throws Exception {
        BlockingQueue<List<Object>> received = new LinkedBlockingQueue<>();
        try (FakeBus bus = new FakeBus("OK 0123456789abcdef0123456789abcdef", call -> call.member().equals("AddMatch")
                ? List.of(Message.reply(call, "", List.of()))
                : List.of(signal("Other", List.of(1L, "/job/1", "a.service", "done")),
                        signal("JobRemoved", List.of(2L, "/job/2", "b.service", "failed")),
                        Message.reply(call, "", List.of())));
                BusConnection connection = BusConnection.open(dir.resolve("bus"))) {
            connection.onSignal("org.freedesktop.systemd1", "org.freedesktop.systemd1.Manager", "JobRemoved",
                    message -> received.add(message.body()));
            connection.call("d", "/p", "i", "Subscribe", "", "");
            assertEquals(List.of(2L, "/job/2", "b.service", "failed"), received.poll(5, TimeUnit.SECONDS));
            assertEquals(null, received.poll(100, TimeUnit.MILLISECONDS));
            assertEquals("type='signal',sender='org.freedesktop.systemd1',interface='org.freedesktop.systemd1.Manager',"
                    + "member='JobRemoved'", bus.calls.get(1).body().get(0));
        }
    }

    private static Message signal(String member, List<Object> body) {
        return new Message(Message.SIGNAL, 0, 0, 0, "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager",
                member, "", "", ":1.0", "uoss", body);
    }

    @Test
    void aBusThatHangsUpDuringACall_failsTheCallAtOnce() throws Exception {
        try (FakeBus bus = new FakeBus("OK 0123456789abcdef0123456789abcdef", call -> null);
                BusConnection connection = BusConnection.open(dir.resolve("bus"))) {
            BusError e = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(BusError.class,
                    () -> connection.call("d", "/p", "i", "m", "", "")));
            assertEquals(BusError.DISCONNECTED, e.name());
            BusError after = assertThrows(BusError.class, () -> connection.call("d", "/p", "i", "m", "", ""));
            assertEquals(BusError.DISCONNECTED, after.name());
        }
    }

    @Test
    void aRefusedAuthentication_failsTheConnectionNamingTheAnswer() throws Exception {
        try (FakeBus bus = new FakeBus("REJECTED DBUS_COOKIE_SHA1", call -> List.of())) {
            IOException e = assertThrows(IOException.class, () -> BusConnection.open(dir.resolve("bus")));
            assertTrue(e.getMessage().contains("refused to authenticate") && e.getMessage().contains("REJECTED"),
                    e.getMessage());
        }
    }
}
