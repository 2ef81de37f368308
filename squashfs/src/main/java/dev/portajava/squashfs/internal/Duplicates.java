package dev.portajava.squashfs.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.squashfs.SquashfsException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Finds files whose bytes an earlier file already holds, so that the image stores them once, as mksquashfs does:
 * only a file with another of its size can be one. Files of a size some file with a known SHA-256 has are compared
 * by SHA-256 (the known one is trusted, the others are hashed); all others by a CRC32C and, when it matches, by
 * their bytes. Either way two files share their data exactly when their bytes are equal.
 */
final class Duplicates {

    private static final int CHUNK = 1 << 16;

    private final Map<Long, int[]> sizes;
    private final Map<String, TreeInode.FileData> byDigest = new HashMap<>();
    private final Map<Long, Object> byCrc = new HashMap<>();

    Duplicates(Map<Long, int[]> sizes) {
        this.sizes = sizes;
    }

    /** Whether another file of the tree has the size of {@code file}. */
    boolean mayHaveOne(TreeInode file) {
        int[] counts = sizes.get(file.size());
        return counts != null && counts[0] + counts[1] > 1;
    }

    /**
     * The data of an earlier file with the bytes of {@code file}, or null, in which case {@code file}'s own data
     * ({@code data}, already set on it) is recorded as where those bytes go. {@code bytes} is the whole content
     * when the caller has it, else null.
     */
    TreeInode.FileData find(TreeInode file, ReadAhead.Content bytes, TreeInode.FileData data)
            throws SquashfsException {
        if (sizes.get(file.size())[1] > 0) {
            String key = file.size() + ":" + digest(file, bytes);
            return byDigest.putIfAbsent(key, data);
        }
        long crc = bytes != null ? crc(bytes) : FileContent.crc(file, CHUNK);
        long key = file.size() * 31 + crc;
        Object known = byCrc.get(key);
        List<TreeInode> candidates = known == null ? List.of() : known instanceof TreeInode one ? List.of(one)
                : castList(known);
        for (TreeInode candidate : candidates) {
            if (candidate.size() == file.size() && same(candidate, file, bytes)) {
                return candidate.data;
            }
        }
        if (known == null) {
            byCrc.put(key, file);
        } else {
            List<TreeInode> more = new ArrayList<>(candidates);
            more.add(file);
            byCrc.put(key, more);
        }
        return null;
    }

    private static boolean same(TreeInode candidate, TreeInode file, ReadAhead.Content bytes)
            throws SquashfsException {
        if (bytes != null) {
            return Arrays.equals(FileContent.readAll(candidate), 0, bytes.length(), bytes.array(), bytes.offset(),
                    bytes.offset() + bytes.length());
        }
        return FileContent.same(candidate, file, CHUNK);
    }

    private static String digest(TreeInode file, ReadAhead.Content bytes) throws SquashfsException {
        if (file.entry.content().sha256().isPresent()) {
            return file.entry.content().sha256().get();
        }
        if (bytes == null) {
            return FileContent.sha256(file, CHUNK);
        }
        MessageDigest sha = Sha256.digest();
        sha.update(bytes.array(), bytes.offset(), bytes.length());
        return Sha256.hex(sha);
    }

    private static long crc(ReadAhead.Content bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), bytes.offset(), bytes.length());
        return crc.getValue();
    }

    @SuppressWarnings("unchecked")
    private static List<TreeInode> castList(Object known) {
        return (List<TreeInode>) known;
    }
}
