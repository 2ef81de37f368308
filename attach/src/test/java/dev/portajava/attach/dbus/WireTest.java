package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    private static Message decode(byte[] bytes) throws MalformedMessageException {
        ByteBuffer fixed = ByteBuffer.wrap(bytes, 0, Message.FIXED_HEADER).slice();
        ByteOrder order = Message.order(fixed);
        assertEquals(bytes.length, Message.length(fixed.order(order)));
        return Message.decode(ByteBuffer.wrap(bytes).order(order));
    }

    @Test
    void aMethodCall_isEncodedAsTheSpecificationLaysItOut() {
        byte[] bytes = Message.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "AddMatch", "s", List.of("ab")).encode(7);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('l', buffer.get(0));
        assertEquals(Message.METHOD_CALL, buffer.get(1));
        assertEquals(1, buffer.get(3));
        assertEquals(7, buffer.getInt(8));
        // the body: the string's length, its bytes and a zero, right after the header padded to 8
        assertEquals(7, buffer.getInt(4));
        int body = bytes.length - 7;
        assertEquals(0, body % 8);
        assertEquals(2, buffer.getInt(body));
        assertEquals("ab", new String(bytes, body + 4, 2, StandardCharsets.US_ASCII));
        assertEquals(0, bytes[body + 6]);
        // the first header field: code 1 (path), variant of signature "o", padded to 4, then the path
        assertEquals(1, buffer.get(16));
        assertEquals(1, buffer.get(17));
        assertEquals('o', buffer.get(18));
        assertEquals("/org/freedesktop/DBus".length(), buffer.getInt(20));
    }

    @Test
    void everyTypeAttachUses_roundTrips() throws MalformedMessageException {
        Map<String, byte[]> units = new LinkedHashMap<>();
        units.put("hello.service", "[Service]\n".getBytes(StandardCharsets.UTF_8));
        units.put("é.socket", new byte[0]);
        List<Object> arguments = List.of("s\u00e9", List.of("a", "bc"), List.of(List.of("symlink", "/p", "/s")),
                true, 1L << 40, 4_000_000_000L, (byte) 7, "/org/x", "a(sss)", units, new byte[] {1, 2, 3},
                List.of(), new Variant("as", List.of("x")));
        String signature = "sasa(sss)btuyoga{say}ayasv";
        byte[] bytes = new Message(Message.METHOD_RETURN, 0, 0, 9, "", "", "", "", ":1.5", "", signature, arguments)
                .encode(3);
        Message message = decode(bytes);
        assertEquals(9, message.replySerial());
        assertEquals(3, message.serial());
        assertEquals(":1.5", message.destination());
        List<Object> body = message.body();
        assertEquals(arguments.subList(0, 9), body.subList(0, 9));
        assertEquals("a(sss)", body.get(8));
        @SuppressWarnings("unchecked")
        Map<String, byte[]> read = (Map<String, byte[]>) body.get(9);
        assertEquals(units.keySet(), read.keySet());
        assertArrayEquals(units.get("hello.service"), read.get("hello.service"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) body.get(10));
        assertEquals(List.of(), body.get(11));
        assertEquals(List.of("x"), body.get(12));
    }

    @Test
    void aBigEndianMessage_isRead() throws MalformedMessageException {
        byte[] little = new Message(Message.SIGNAL, 0, 0, 0, "/a", "i.f", "M", "", "", "", "us", List.of(5L, "x"))
                .encode(1);
        // the same message by hand in big-endian order: header fields of one path, one interface, ...
        ByteBuffer big = ByteBuffer.allocate(little.length).order(ByteOrder.BIG_ENDIAN);
        big.put((byte) 'B').put((byte) Message.SIGNAL).put((byte) 0).put((byte) 1);
        ByteBuffer source = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
        big.putInt(source.getInt(4)).putInt(source.getInt(8)).putInt(source.getInt(12));
        // fields: (1, "o" "/a"), (2, "s" "i.f"), (3, "s" "M"), (8, "g" "us")
        big.put((byte) 1).put((byte) 1).put((byte) 'o').put((byte) 0).putInt(2).put("/a".getBytes()).put((byte) 0);
        big.position(32);
        big.put((byte) 2).put((byte) 1).put((byte) 's').put((byte) 0).putInt(3).put("i.f".getBytes()).put((byte) 0);
        big.position(48);
        big.put((byte) 3).put((byte) 1).put((byte) 's').put((byte) 0).putInt(1).put("M".getBytes()).put((byte) 0);
        big.position(64);
        big.put((byte) 8).put((byte) 1).put((byte) 'g').put((byte) 0).put((byte) 2).put("us".getBytes())
                .put((byte) 0);
        big.position(72);
        big.putInt(5).putInt(1).put((byte) 'x').put((byte) 0);
        assertEquals(little.length, big.position());
        Message message = decode(big.array());
        assertEquals("i.f", message.iface());
        assertEquals(List.of(5L, "x"), message.body());
    }

    @Test
    void aMessageThatClaimsMoreThanItHolds_isRefused() {
        byte[] bytes = Message.call("d", "/p", "i", "m", "as", List.of(List.of("a", "b"))).encode(1);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int body = bytes.length - buffer.getInt(4);
        buffer.putInt(body, 1 << 20); // the array's length
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> Message.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)));
        assertTrue(e.getMessage().contains("an array of 1048576 bytes"), e.getMessage());
    }

    @Test
    void hostileValues_areRefusedNotTrusted() {
        assertThrows(MalformedMessageException.class, () -> read("b", 2, 0, 0, 0));
        assertThrows(MalformedMessageException.class, () -> read("s", 2, 0, 0, 0, 0xc3, 0x28, 0));
        assertThrows(MalformedMessageException.class, () -> read("s", 1, 0, 0, 0, 'a', 'b'));
        assertThrows(MalformedMessageException.class, () -> read("s", 0xff, 0xff, 0xff, 0x7f, 0));
        assertThrows(MalformedMessageException.class, () -> read("v", 2, 'a', 'i', 0));
        // a variant holding a variant holding a variant ...: nested past the limit
        int[] nested = new int[3 * 80 + 1];
        for (int i = 0; i < 80; i++) {
            nested[3 * i] = 1;
            nested[3 * i + 1] = 'v';
        }
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> read("v", nested));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void aWholeMessageLargerThanTheLimit_isRefusedFromItsHeader() {
        ByteBuffer fixed = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fixed.put((byte) 'l').put((byte) 2).put((byte) 0).put((byte) 1).putInt(Integer.MAX_VALUE).putInt(1).putInt(0);
        assertThrows(MalformedMessageException.class, () -> Message.length(fixed));
    }

    private static Object read(String signature, int... bytes) throws MalformedMessageException {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            array[i] = (byte) bytes[i];
        }
        return new WireReader(ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN)).read(signature);
    }
}
