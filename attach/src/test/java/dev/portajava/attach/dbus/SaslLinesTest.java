package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SaslLinesTest {

    private static ReadableByteChannel of(String text) {
        return Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsLineByLineAndLeavesWhatFollowsUnread() throws IOException {
        ReadableByteChannel channel = of("\0AUTH EXTERNAL 30\r\nBEGIN\r\nl\1\0\0");
        assertEquals("\0AUTH EXTERNAL 30", SaslLines.read(channel));
        assertEquals("BEGIN", SaslLines.read(channel));
        assertEquals(4, channel.read(ByteBuffer.allocate(16)), "the binary message after BEGIN is unread");
    }

    @Test
    void aLoneNewlineDoesNotEndALine() throws IOException {
        assertEquals("DATA a\nb", SaslLines.read(of("DATA a\nb\r\n")));
    }

    @Test
    void refusesAHangUpMidLineAndAnOverlongLine() {
        IOException hangUp = assertThrows(IOException.class, () -> SaslLines.read(of("OK 01")));
        assertTrue(hangUp.getMessage().contains("closed"), hangUp.getMessage());
        IOException overlong = assertThrows(IOException.class,
                () -> SaslLines.read(of("x".repeat(SaslLines.MAX_LINE + 10) + "\r\n")));
        assertTrue(overlong.getMessage().contains("4096"), overlong.getMessage());
    }

    @Test
    void writesTheLineWithItsCrLf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SaslLines.write(Channels.newChannel(out), "BEGIN");
        assertEquals("BEGIN\r\n", out.toString(StandardCharsets.US_ASCII));
    }
}
