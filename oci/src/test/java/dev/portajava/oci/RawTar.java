package dev.portajava.oci;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tar written byte by byte, so that names and link targets hold any bytes: ustar headers, PAX headers ({@code x})
 * and GNU long names ({@code L}), as Go's archive/tar and GNU tar write them.
 */
final class RawTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Bytes from hex, '/' kept as it is: {@code bytes("64fd/61ff")} is {@code d\xfd/a\xff}. */
    static byte[] bytes(String hexPath) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] names = hexPath.split("/", -1);
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                b.write('/');
            }
            b.writeBytes(HexFormat.of().parseHex(names[i]));
        }
        return b.toByteArray();
    }

    RawTar dir(byte[] name) {
        return entry(name, '5', 0755, new byte[0], new byte[0]);
    }

    RawTar file(byte[] name, String content) {
        return entry(name, '0', 0644, new byte[0], content.getBytes(StandardCharsets.UTF_8));
    }

    RawTar symlink(byte[] name, byte[] target) {
        return entry(name, '2', 0777, target, new byte[0]);
    }

    RawTar hardlink(byte[] name, byte[] target) {
        return entry(name, '1', 0644, target, new byte[0]);
    }

    /** A PAX header for the next entry, with {@code path} and, unless null, {@code linkpath}. */
    RawTar pax(byte[] path, byte[] linkpath) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("path", path);
        if (linkpath != null) {
            records.put("linkpath", linkpath);
        }
        return pax(records);
    }

    /** A PAX header for the next entry with these records, each value's bytes as they are. */
    RawTar pax(Map<String, byte[]> records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            int length = key.length() + value.length + 3;
            length += Integer.toString(length + Integer.toString(length).length()).length();
            data.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(value);
            data.write('\n');
        });
        return entry("PaxHeaders/entry".getBytes(StandardCharsets.US_ASCII), 'x', 0644, new byte[0],
                data.toByteArray());
    }

    /** A GNU long name for the next entry. */
    RawTar longName(byte[] name) {
        byte[] data = new byte[name.length + 1];
        System.arraycopy(name, 0, data, 0, name.length);
        return entry("././@LongLink".getBytes(StandardCharsets.US_ASCII), 'L', 0644, new byte[0], data);
    }

    /** The tar, with its end: two zero blocks. */
    byte[] bytes() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private RawTar entry(byte[] name, char type, int mode, byte[] link, byte[] data) {
        byte[] h = new byte[512];
        System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, data.length);
        octal(h, 136, 12, 1_700_000_000L);
        h[156] = (byte) type;
        System.arraycopy(link, 0, h, 157, Math.min(link.length, 100));
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 8);
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        byte[] digits = String.format("%0" + (length - 1) + "o", value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, h, offset, digits.length);
    }
}
