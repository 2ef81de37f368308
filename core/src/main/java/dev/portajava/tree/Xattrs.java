package dev.portajava.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The extended attributes of an entry: full names ({@code user.x}, {@code trusted.x}, {@code security.x}, the
 * namespaces an image can carry) to values, sorted by name. Immutable; values are copied in and out.
 */
public final class Xattrs {

    /** No extended attributes. */
    public static final Xattrs NONE = new Xattrs(new TreeMap<>());

    /** Linux's limits: XATTR_NAME_MAX and XATTR_SIZE_MAX. */
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_VALUE_BYTES = 65536;

    /** The file capability xattr, what {@code setcap} sets: a {@code vfs_cap_data} (see {@link #checkValue}). */
    public static final String CAPABILITY = "security.capability";

    private static final List<String> NAMESPACES = List.of("user.", "trusted.", "security.");

    /** linux/capability.h: VFS_CAP_REVISION_MASK; the other bits of the first u32 are flags (VFS_CAP_FLAGS_MASK). */
    private static final int CAP_REVISION_MASK = 0xFF000000;

    private final TreeMap<String, byte[]> values;

    private Xattrs(TreeMap<String, byte[]> values) {
        this.values = values;
    }

    /** These attributes; each name is checked, each value copied. */
    public static Xattrs of(Map<String, byte[]> values) {
        Xattrs result = NONE;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /** These attributes with {@code name} set to {@code value}. */
    public Xattrs with(String name, byte[] value) {
        checkName(name);
        if (value == null || value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value of xattr " + name + " is missing or longer than "
                    + MAX_VALUE_BYTES + " bytes");
        }
        checkValue(name, value);
        TreeMap<String, byte[]> copy = new TreeMap<>(values);
        copy.put(name, value.clone());
        return new Xattrs(copy);
    }

    /** These attributes without {@code name}. */
    public Xattrs without(String name) {
        if (!values.containsKey(name)) {
            return this;
        }
        TreeMap<String, byte[]> copy = new TreeMap<>(values);
        copy.remove(name);
        return copy.isEmpty() ? NONE : new Xattrs(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    /** The names, sorted. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    public Optional<byte[]> get(String name) {
        byte[] value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** Hands each name and a copy of its value to {@code action}, in name order. */
    public void forEach(BiConsumer<String, byte[]> action) {
        values.forEach((name, value) -> action.accept(name, value.clone()));
    }

    /** The names and values as a map sorted by name (values copied). */
    public Map<String, byte[]> toMap() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(name, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Whether {@code name} is in a namespace a plan and a squashfs image hold: user., trusted. or security. */
    public static boolean inSupportedNamespace(String name) {
        return NAMESPACES.stream().anyMatch(name::startsWith);
    }

    /**
     * Refuses a value the kernel would refuse for {@code name}: a {@value #CAPABILITY} must be a {@code vfs_cap_data}
     * whose first little-endian u32 has the revision in its high byte (flags, such as the effective bit 0x1, in the
     * low bits) and whose size is that revision's: revision 1 (0x01000000) 12 bytes, revision 2 (0x02000000) 20
     * bytes, revision 3 (0x03000000) 24 bytes.
     */
    private static void checkValue(String name, byte[] value) {
        if (!name.equals(CAPABILITY)) {
            return;
        }
        if (value.length < 4) {
            throw new IllegalArgumentException("xattr " + CAPABILITY + " is not a file capability: " + value.length
                    + " bytes, fewer than the 4 of its header");
        }
        int magic = (value[0] & 0xFF) | (value[1] & 0xFF) << 8 | (value[2] & 0xFF) << 16 | (value[3] & 0xFF) << 24;
        int expected = switch (magic & CAP_REVISION_MASK) {
            case 0x01000000 -> 12;
            case 0x02000000 -> 20;
            case 0x03000000 -> 24;
            default -> throw new IllegalArgumentException("xattr " + CAPABILITY + " is not a file capability: its"
                    + " header " + String.format("0x%08x", magic) + " has revision " + (magic >>> 24)
                    + " (1, 2 or 3 expected)");
        };
        if (value.length != expected) {
            throw new IllegalArgumentException("xattr " + CAPABILITY + " is not a file capability: revision "
                    + (magic >>> 24) + " (header " + String.format("0x%08x", magic) + ") has " + expected
                    + " bytes, this one " + value.length);
        }
    }

    private static void checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("an xattr without a name");
        }
        String namespace = NAMESPACES.stream().filter(name::startsWith).findFirst().orElseThrow(
                () -> new IllegalArgumentException("xattr '" + name + "' is not in the user., trusted. or security. "
                        + "namespace"));
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (name.length() == namespace.length() || bytes > MAX_NAME_BYTES || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("xattr '" + name.replace("\0", "\\0")
                    + "' is not a name: empty after its namespace, longer than " + MAX_NAME_BYTES
                    + " bytes or holding a NUL");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Xattrs other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        values.forEach((name, value) -> b.append(b.length() > 1 ? ", " : "").append(name).append('=')
                .append(value.length).append(" bytes"));
        return b.append('}').toString();
    }
}
