package dev.portajava.oci.internal;

import dev.portajava.oci.Digest;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.Xattrs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The index of an unpacked layer: its entries in tar order, in a compact binary file.
 *
 * <pre>
 * int     magic 'PJLI', int version
 * bytes   the layer's digest (32), then its diff ID: the digest of the uncompressed tar (32)
 * long    how many entries the tar had (the root and ignored entries included)
 * int     how many entries follow
 * entry:  byte type, byte flags (1: the tar name differs from the path; 2: xattrs follow), str path, [str name],
 *         int mode, int uid, int gid, then for a file long size and bytes content digest (32); for a link
 *         str target; then with flag 2, int count and count times: str name, int length, bytes value
 * int     magic 'PJLE'
 * str:    int length, bytes (a name's bytes as they were in the tar: see FileNames)
 * </pre>
 */
public final class LayerIndex {

    private static final int MAGIC = 0x504a4c49;
    private static final int END = 0x504a4c45;
    /** 3: entries have xattrs; 2: names are their bytes (version 1 had them decoded as UTF-8 with losses). */
    private static final int VERSION = 3;
    private static final int MAX_STRING = 1 << 16;
    /** More than a PAX header of at most 1 MiB can hold. */
    private static final int MAX_XATTRS = 1 << 16;
    private static final LayerEntry.Type[] TYPES = LayerEntry.Type.values();

    private final Digest diffId;
    private final long tarEntries;
    private final List<LayerEntry> entries;

    public LayerIndex(Digest diffId, long tarEntries, List<LayerEntry> entries) {
        this.diffId = diffId;
        this.tarEntries = tarEntries;
        this.entries = List.copyOf(entries);
    }

    /** The digest of the layer's uncompressed tar, as an image config's {@code rootfs.diff_ids} has it. */
    public Digest diffId() {
        return diffId;
    }

    /** How many entries the layer's tar has, those the index leaves out (the root, aufs metadata) included. */
    public long tarEntries() {
        return tarEntries;
    }

    public List<LayerEntry> entries() {
        return entries;
    }

    public void write(Path file, Digest layer) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.write(HexFormat.of().parseHex(layer.hex()));
            out.write(HexFormat.of().parseHex(diffId.hex()));
            out.writeLong(tarEntries);
            out.writeInt(entries.size());
            for (LayerEntry e : entries) {
                boolean named = !e.name().equals(e.path());
                out.writeByte(e.type().ordinal());
                out.writeByte((named ? 1 : 0) | (e.xattrs().isEmpty() ? 0 : 2));
                writeString(out, e.path());
                if (named) {
                    writeString(out, e.name());
                }
                out.writeInt(e.mode());
                out.writeInt(e.uid());
                out.writeInt(e.gid());
                switch (e.type()) {
                    case FILE -> {
                        out.writeLong(e.size());
                        out.write(HexFormat.of().parseHex(e.content()));
                    }
                    case SYMLINK, HARDLINK -> writeString(out, e.target());
                    default -> { }
                }
                if (!e.xattrs().isEmpty()) {
                    out.writeInt(e.xattrs().size());
                    for (Map.Entry<String, byte[]> xattr : e.xattrs().toMap().entrySet()) {
                        writeString(out, xattr.getKey());
                        out.writeInt(xattr.getValue().length);
                        out.write(xattr.getValue());
                    }
                }
            }
            out.writeInt(END);
        }
    }

    /**
     * Reads an index {@link #write} wrote for {@code layer}.
     *
     * @throws IOException if the file is missing, truncated, for another layer or otherwise not such an index
     */
    public static LayerIndex read(Path file, Digest layer) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a layer index");
            }
            byte[] digest = new byte[32];
            in.readFully(digest);
            if (!HexFormat.of().formatHex(digest).equals(layer.hex())) {
                throw new IOException(file + " is the index of another layer");
            }
            in.readFully(digest);
            Digest diffId = new Digest(HexFormat.of().formatHex(digest));
            long tarEntries = in.readLong();
            int count = in.readInt();
            if (count < 0 || tarEntries < count) {
                throw new IOException(file + " is corrupt");
            }
            List<LayerEntry> entries = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                if (type >= TYPES.length || (flags & ~3) != 0) {
                    throw new IOException(file + " is corrupt");
                }
                String path = readString(in);
                String name = (flags & 1) != 0 ? readString(in) : path;
                int mode = in.readInt();
                int uid = in.readInt();
                int gid = in.readInt();
                String target = "";
                long size = 0;
                String content = null;
                LayerEntry.Type t = TYPES[type];
                switch (t) {
                    case FILE -> {
                        size = in.readLong();
                        byte[] hash = new byte[32];
                        in.readFully(hash);
                        content = HexFormat.of().formatHex(hash);
                    }
                    case SYMLINK, HARDLINK -> target = readString(in);
                    default -> { }
                }
                Xattrs xattrs = (flags & 2) != 0 ? readXattrs(in, file) : Xattrs.NONE;
                if (!isNormalised(path) || (t != LayerEntry.Type.OPAQUE && path.isEmpty())
                        || (t == LayerEntry.Type.HARDLINK && !isNormalised(target)) || size < 0
                        || (mode & ~07777) != 0 || uid < 0 || gid < 0) {
                    throw new IOException(file + " is corrupt");
                }
                entries.add(new LayerEntry(t, path, name, mode, uid, gid, target, size, content, xattrs));
            }
            if (in.readInt() != END || in.read() != -1) {
                throw new IOException(file + " is corrupt");
            }
            return new LayerIndex(diffId, tarEntries, entries);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    private static Xattrs readXattrs(DataInputStream in, Path file) throws IOException {
        int count = in.readInt();
        if (count <= 0 || count > MAX_XATTRS) {
            throw new IOException(file + " is corrupt");
        }
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = readString(in);
            int length = in.readInt();
            if (length < 0 || length > Xattrs.MAX_VALUE_BYTES) {
                throw new IOException(file + " is corrupt");
            }
            byte[] value = new byte[length];
            in.readFully(value);
            xattrs.put(name, value);
        }
        try {
            return Xattrs.of(xattrs);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} is as {@link EntryNames#components} makes them: a tampered index cannot name {@code ..}. */
    private static boolean isNormalised(String path) {
        if (path.isEmpty()) {
            return true;
        }
        try {
            return String.join("/", EntryNames.components(path)).equals(path);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = FileNames.encode(s);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("corrupt layer index: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return FileNames.decode(bytes);
    }
}
