package dev.portajava.oci.internal;

import dev.portajava.tree.FileNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that gives each entry's name and link target as its bytes say, decoded by {@link FileNames}.
 * commons-compress reads the header's name fields with the encoding it is given, here ISO-8859-1 (one character per
 * byte, so the bytes come back), but decodes PAX records as UTF-8, replacing whatever is not: so the PAX header
 * data it reads through this stream is kept, and its {@code path} and {@code linkpath} records taken from there.
 * Go's archive/tar, and so Docker and most registries' layers, write a name that is not ASCII as a PAX record.
 */
final class RawNameTarInputStream extends TarArchiveInputStream {

    /** The most PAX header data kept for one entry; a path is at most 4 KiB, so this is a hostile header. */
    private static final int MAX_PAX = 1 << 20;
    private static final String PATH = "path";
    private static final String LINK = "linkpath";
    /** The PAX records of extended attributes, as GNU tar and Go's archive/tar (so Docker) write them. */
    private static final String XATTR = "SCHILY.xattr.";

    private final ByteArrayOutputStream pax = new ByteArrayOutputStream();
    private boolean paxIsGlobal;
    /** The PAX header entry whose data was parsed: what is read of it after that is skipped padding. */
    private TarArchiveEntry parsed;
    private final Map<String, byte[]> global = new HashMap<>();
    private Map<String, byte[]> local = new HashMap<>();
    private int depth;

    RawNameTarInputStream(InputStream in) {
        super(in, "ISO-8859-1");
    }

    /** The entry's name, with the bytes of a PAX {@code path} record, else of the header. */
    String name(TarArchiveEntry entry) {
        byte[] raw = local.get(PATH);
        return raw != null ? FileNames.decode(raw)
                : FileNames.decode(entry.getName().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The entry's link target, with the bytes of a PAX {@code linkpath} record, else of the header. */
    String linkName(TarArchiveEntry entry) {
        byte[] raw = local.get(LINK);
        return raw != null ? FileNames.decode(raw)
                : FileNames.decode(entry.getLinkName().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The entry's extended attributes, from its PAX {@code SCHILY.xattr.NAME} records: each name and the bytes of
     * its value, as the records hold them (commons-compress would decode a binary value such as
     * {@code security.capability} as UTF-8, and lose it).
     */
    Map<String, byte[]> xattrs() {
        Map<String, byte[]> xattrs = new TreeMap<>();
        local.forEach((key, value) -> {
            if (key.startsWith(XATTR)) {
                xattrs.put(key.substring(XATTR.length()), value.clone());
            }
        });
        return xattrs;
    }

    /**
     * commons-compress reads a PAX header, or a GNU long name, then calls this again for the entry it belongs to:
     * the records kept meanwhile are parsed on the way in.
     */
    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        if (depth == 0) {
            local = new HashMap<>(global);
        }
        takePax();
        depth++;
        try {
            return super.getNextEntry();
        } finally {
            depth--;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null && current != parsed && (current.isPaxHeader() || current.isGlobalPaxHeader())) {
            if (pax.size() + n > MAX_PAX) {
                throw new IOException("a PAX header of more than " + MAX_PAX + " bytes");
            }
            pax.write(buffer, offset, n);
            paxIsGlobal = current.isGlobalPaxHeader();
        }
        return n;
    }

    private void takePax() {
        if (pax.size() == 0) {
            return;
        }
        parsed = getCurrentEntry();
        byte[] data = pax.toByteArray();
        pax.reset();
        parse(data, local);
        if (paxIsGlobal) {
            parse(data, global);
        }
    }

    /**
     * Applies the {@code path}, {@code linkpath} and {@code SCHILY.xattr.*} records of PAX data ({@code LEN KEY=VALUE},
     * newline, …); a record with an empty value removes an earlier (global) one, as PAX has it.
     */
    private static void parse(byte[] data, Map<String, byte[]> into) {
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at, data.length);
            if (space < 0) {
                return;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return;
            }
            int end = at + length;
            int equals = indexOf(data, (byte) '=', space + 1, Math.min(end, data.length));
            if (length <= 0 || end > data.length || equals < 0 || data[end - 1] != '\n') {
                return;
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            if (key.equals(PATH) || key.equals(LINK) || key.startsWith(XATTR)) {
                if (end - 1 == equals + 1) {
                    into.remove(key);
                } else {
                    into.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
                }
            }
            at = end;
        }
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
