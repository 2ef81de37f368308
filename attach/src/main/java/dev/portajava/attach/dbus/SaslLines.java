package dev.portajava.attach.dbus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a D-Bus connection's authentication (SASL): ASCII, each ended by CR LF, read one byte at a time so
 * that nothing of the binary messages after {@code BEGIN} is consumed. The client's first line starts with the
 * zero byte the specification puts before it.
 */
public final class SaslLines {

    /** The longest line either side accepts, as sd-bus's limit. */
    public static final int MAX_LINE = 4096;

    private SaslLines() {
    }

    /**
     * Reads one line, without its CR LF.
     *
     * @throws IOException if the peer hangs up before the line ends, or the line is longer than {@link #MAX_LINE}
     */
    public static String read(ReadableByteChannel channel) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.length() < MAX_LINE) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("the bus connection closed while authenticating");
            }
            char c = (char) (one.get(0) & 0xff);
            if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append(c);
        }
        throw new IOException("an authentication line of more than " + MAX_LINE + " bytes");
    }

    /** Writes {@code line} and its CR LF. */
    public static void write(WritableByteChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
