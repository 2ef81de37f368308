package dev.portajava.oci;

import dev.portajava.text.ControlCharacters;

/** A layer entry portajava refuses: the message names the layer's digest, the entry and what is wrong. */
public final class HostileLayerException extends InvalidSourceException {

    private static final long serialVersionUID = 1L;

    private final transient Digest layer;
    private final String entry;

    public HostileLayerException(Digest layer, String entry, String problem) {
        super("layer " + layer + ": entry '" + ControlCharacters.escapedUnambiguously(entry) + "': " + problem, null);
        this.layer = layer;
        this.entry = entry;
    }

    public Digest layer() {
        return layer;
    }

    public String entry() {
        return entry;
    }
}
