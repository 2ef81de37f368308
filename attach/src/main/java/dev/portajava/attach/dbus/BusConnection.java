package dev.portajava.attach.dbus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client connection to a D-Bus bus on a unix socket: authenticated as this process's user ({@code EXTERNAL}),
 * registered with {@code Hello}, then method calls, each awaited for its reply, and signals, handed to their
 * handlers. One thread reads the socket; any thread may call.
 */
final class BusConnection implements AutoCloseable {

    /** How long a call waits for its reply, as sd-bus's default. */
    static final Duration TIMEOUT = Duration.ofSeconds(25);

    /** The bus's own name, which it answers calls to, and reports its errors under. */
    static final String BUS = "org.freedesktop.DBus";
    private static final String BUS_PATH = "/org/freedesktop/DBus";
    private static final String INVALID_SIGNATURE = "org.freedesktop.DBus.Error.InvalidSignature";

    private final SocketChannel channel;
    private final AtomicLong serials = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final List<SignalHandler> handlers = new CopyOnWriteArrayList<>();
    private volatile String failure;

    private record SignalHandler(String iface, String member, Consumer<Message> handler) {
    }

    private BusConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to the bus on {@code socket}, authenticates and says {@code Hello}.
     *
     * @throws IOException if the socket cannot be reached, or the bus refuses or drops the connection
     */
    static BusConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            authenticate(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        BusConnection connection = new BusConnection(channel);
        Thread reader = new Thread(connection::readLoop, "dbus-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            connection.callBus("Hello", "", "s");
        } catch (BusError e) {
            connection.close();
            throw new IOException(e.name().equals(BusError.DISCONNECTED) ? e.getMessage()
                    : "the bus refused Hello: " + e.getMessage(), e);
        }
        return connection;
    }

    /** SASL as sd-bus does it: a zero byte, {@code AUTH EXTERNAL} with our uid in hex, then {@code BEGIN}. */
    private static void authenticate(SocketChannel channel) throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        SaslLines.write(channel, "\0AUTH EXTERNAL " + hex(String.valueOf(uid)));
        String answer = SaslLines.read(channel);
        if (answer.startsWith("REJECTED") && Arrays.asList(answer.split(" ")).contains("ANONYMOUS")) {
            SaslLines.write(channel, "AUTH ANONYMOUS");
            answer = SaslLines.read(channel);
        }
        if (!answer.startsWith("OK ")) {
            throw new IOException("the bus refused to authenticate uid " + uid + " (" + answer + ")");
        }
        SaslLines.write(channel, "BEGIN");
    }

    /** {@code text}'s ASCII bytes as lower-case hex digits, two per byte. */
    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (char c : text.toCharArray()) {
            hex.append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
        }
        return hex.toString();
    }

    /**
     * Calls {@code member} and waits for its reply.
     *
     * @param signature the arguments' signature
     * @param replySignature the signature the reply must have
     * @return the reply's arguments, of {@code replySignature}'s types
     * @throws BusError the error the call was answered with, {@code …InvalidSignature} for a reply of another
     *         signature, or {@link BusError#DISCONNECTED} or {@link BusError#NO_REPLY} when it was not answered
     */
    List<Object> call(String destination, String path, String iface, String member, String signature,
            String replySignature, Object... arguments) throws BusError {
        long serial = serials.incrementAndGet();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pending.put(serial, reply);
        try {
            byte[] message = Message.call(destination, path, iface, member, signature, List.of(arguments))
                    .encode(serial);
            synchronized (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(message);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            if (failure != null) {
                reply.completeExceptionally(new IOException(failure));
            }
            Message answer = reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.type() == Message.ERROR) {
                throw new BusError(answer.errorName(), answer.errorMessage());
            }
            if (!answer.signature().equals(replySignature)) {
                throw new BusError(INVALID_SIGNATURE, iface + "." + member + " answered with a reply of signature '"
                        + answer.signature() + "', not '" + replySignature + "'");
            }
            return answer.body();
        } catch (IOException e) {
            throw new BusError(BusError.DISCONNECTED, "the connection to the bus failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new BusError(BusError.DISCONNECTED, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BusError(BusError.NO_REPLY, member + " got no reply within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusError(BusError.NO_REPLY, "interrupted while waiting for " + member, e);
        } finally {
            pending.remove(serial);
        }
    }

    /** Calls {@code member} of the bus itself ({@code org.freedesktop.DBus}), as {@link #call} does. */
    List<Object> callBus(String member, String signature, String replySignature, Object... arguments)
            throws BusError {
        return call(BUS, BUS_PATH, BUS, member, signature, replySignature, arguments);
    }

    /** Hands every signal {@code member} of {@code iface} from {@code sender} to {@code handler}, from now on. */
    void onSignal(String sender, String iface, String member, Consumer<Message> handler) throws BusError {
        handlers.add(new SignalHandler(iface, member, handler));
        callBus("AddMatch", "s", "", "type='signal',sender='" + sender + "',interface='" + iface
                + "',member='" + member + "'");
    }

    private void readLoop() {
        try {
            while (true) {
                dispatch(Message.read(channel));
            }
        } catch (IOException | RuntimeException e) {
            fail(channel.isOpen() ? describe(e) : "the connection is closed");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void dispatch(Message message) {
        if (message.type() == Message.METHOD_RETURN || message.type() == Message.ERROR) {
            CompletableFuture<Message> reply = pending.get(message.replySerial());
            if (reply != null) {
                reply.complete(message);
            }
        } else if (message.type() == Message.SIGNAL) {
            for (SignalHandler handler : handlers) {
                if (handler.iface().equals(message.iface()) && handler.member().equals(message.member())) {
                    handler.handler().accept(message);
                }
            }
        }
    }

    private void fail(String reason) {
        failure = reason;
        IOException e = new IOException(reason);
        pending.values().forEach(reply -> reply.completeExceptionally(e));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing is pending on a connection we are done with
        }
    }
}
