package dev.portajava.oci;


/** A layer entry portajava refuses: the message names the layer's digest, the entry and what is wrong. */
public final class HostileLayerException extends InvalidSourceException {

    private static final long serialVersionUID = 1L;

    private final transient Digest layer;
    private final String entry;

    public HostileLayerException(Digest layer, String entry, String problem) {
        super("layer " + layer + ": entry '" + printable(entry) + "': " + problem, null);
        this.layer = layer;
        this.entry = entry;
    }

    public Digest layer() {
        return layer;
    }

    public String entry() {
        return entry;
    }

    /** The entry name with control characters escaped, so a hostile name cannot break the one-line message. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
