package dev.portajava.attach.dbus;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One D-Bus message: its header fields and its body, as {@link WireReader} reads them. Absent header fields are
 * empty strings, and a reply serial of 0 means none.
 *
 * @param serial the sender's serial number of the message (its "cookie")
 */
record Message(int type, int flags, long serial, long replySerial, String path, String iface, String member,
        String errorName, String destination, String sender, String signature, List<Object> body) {

    static final int METHOD_CALL = 1;
    static final int METHOD_RETURN = 2;
    static final int ERROR = 3;
    static final int SIGNAL = 4;

    /** The fixed part of the header: byte order, type, flags, version, body length, serial, fields' length. */
    static final int FIXED_HEADER = 16;
    /** The D-Bus specification's largest message. */
    static final int MAX_LENGTH = 128 << 20;

    private static final int PATH = 1;
    private static final int INTERFACE = 2;
    private static final int MEMBER = 3;
    private static final int ERROR_NAME = 4;
    private static final int REPLY_SERIAL = 5;
    private static final int DESTINATION = 6;
    private static final int SENDER = 7;
    private static final int SIGNATURE = 8;

    /** A method call, which wants a reply. */
    static Message call(String destination, String path, String iface, String member, String signature,
            List<Object> arguments) {
        return new Message(METHOD_CALL, 0, 0, 0, path, iface, member, "", destination, "", signature, arguments);
    }

    /** The reply to {@code call}: {@code body}, of {@code signature}. */
    static Message reply(Message call, String signature, List<Object> body) {
        return new Message(METHOD_RETURN, 0, 0, call.serial(), "", "", "", "", "", "", signature, body);
    }

    /** The error {@code name} in answer to {@code call}, with {@code text} as its message. */
    static Message error(Message call, String name, String text) {
        return new Message(ERROR, 0, 0, call.serial(), "", "", "", name, "", "", "s", List.of(text));
    }

    /** The message in the wire format, little-endian, with {@code serial}. */
    byte[] encode(long serial) {
        WireWriter body = new WireWriter();
        body.write(signature, body());
        WireWriter out = new WireWriter();
        out.writeByte('l');
        out.writeByte(type);
        out.writeByte(flags);
        out.writeByte(1);
        out.writeUint32(body.size());
        out.writeUint32(serial);
        List<List<Object>> fields = new ArrayList<>();
        field(fields, PATH, "o", path);
        field(fields, INTERFACE, "s", iface);
        field(fields, MEMBER, "s", member);
        field(fields, ERROR_NAME, "s", errorName);
        if (replySerial != 0) {
            fields.add(List.of((byte) REPLY_SERIAL, new Variant("u", replySerial)));
        }
        field(fields, DESTINATION, "s", destination);
        field(fields, SENDER, "s", sender);
        field(fields, SIGNATURE, "g", signature);
        out.writeValue("a(yv)", fields);
        out.pad(8);
        byte[] header = out.toByteArray();
        byte[] message = new byte[header.length + body.size()];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body.toByteArray(), 0, message, header.length, body.size());
        return message;
    }

    private static void field(List<List<Object>> fields, int code, String type, String value) {
        if (!value.isEmpty()) {
            fields.add(List.of((byte) code, new Variant(type, value)));
        }
    }

    /** The byte order of a message whose fixed header is in {@code fixed}. */
    static ByteOrder order(ByteBuffer fixed) throws MalformedMessageException {
        return switch (fixed.get(0)) {
            case 'l' -> ByteOrder.LITTLE_ENDIAN;
            case 'B' -> ByteOrder.BIG_ENDIAN;
            default -> throw new MalformedMessageException("unknown byte order " + fixed.get(0));
        };
    }

    /** The whole length of the message whose fixed header (16 bytes, in its byte order) is {@code fixed}. */
    static int length(ByteBuffer fixed) throws MalformedMessageException {
        if (fixed.get(3) != 1) {
            throw new MalformedMessageException("protocol version " + fixed.get(3));
        }
        long body = fixed.getInt(4) & 0xffffffffL;
        long fields = fixed.getInt(12) & 0xffffffffL;
        long length = (FIXED_HEADER + fields + 7) / 8 * 8 + body;
        if (length > MAX_LENGTH) {
            throw new MalformedMessageException("a message of " + length + " bytes");
        }
        return (int) length;
    }

    /**
     * Reads the next whole message from {@code channel}.
     *
     * @throws IOException if the channel ends first, or the message is malformed
     */
    static Message read(ReadableByteChannel channel) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(FIXED_HEADER);
        readFully(channel, fixed);
        fixed.order(order(fixed));
        ByteBuffer whole = ByteBuffer.allocate(length(fixed)).order(fixed.order());
        whole.put(fixed.flip());
        readFully(channel, whole);
        return decode(whole.flip());
    }

    private static void readFully(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the bus closed the connection");
            }
        }
    }

    /** Decodes a whole message, which {@code buffer} holds from position 0, in the message's byte order. */
    static Message decode(ByteBuffer buffer) throws MalformedMessageException {
        WireReader reader = new WireReader(buffer.position(0));
        int type = buffer.get(1);
        int flags = buffer.get(2);
        long serial = buffer.getInt(8) & 0xffffffffL;
        buffer.position(12);
        String[] strings = new String[SIGNATURE + 1];
        Arrays.fill(strings, "");
        long replySerial = 0;
        for (Object item : (List<?>) reader.readValue("a(yv)", 0)) {
            List<?> field = (List<?>) item;
            int code = (Byte) field.get(0);
            Object value = field.get(1);
            if (code == REPLY_SERIAL && value instanceof Long number) {
                replySerial = number;
            } else if (code >= PATH && code <= SIGNATURE && value instanceof String text) {
                strings[code] = text;
            }
        }
        try {
            reader.align(8);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("the header runs past the end of the message");
        }
        List<Object> body = reader.read(strings[SIGNATURE]);
        if (reader.position() != buffer.limit()) {
            throw new MalformedMessageException("the body is longer than its values");
        }
        return new Message(type, flags, serial, replySerial, strings[PATH], strings[INTERFACE], strings[MEMBER],
                strings[ERROR_NAME], strings[DESTINATION], strings[SENDER], strings[SIGNATURE], body);
    }

    /** The error message of an error reply: its first argument when that is a string. */
    String errorMessage() {
        return !body.isEmpty() && body.get(0) instanceof String text ? text : errorName;
    }
}
