package dev.portajava.attach.dbus;

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

/** A bus on a unix socket, for one connection: it records the calls and answers each with {@code answer}'s reply. */
final class FakeBus implements AutoCloseable {

    final List<Message> calls = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;

    FakeBus(Path socket, Function<Message, Message> answer) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
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
