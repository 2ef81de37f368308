package dev.portajava.cli;

import dev.portajava.builder.Engine;
import dev.portajava.builder.ImageFormat;
import dev.portajava.squashfs.Compression;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * An enum's values as users type them, in lower case: what {@code --help} ({@code ${COMPLETION-CANDIDATES}}),
 * the man pages and shell completion offer for an option of that type. picocli would offer the constants' names.
 */
abstract class LowerCaseValues implements Iterable<String> {

    private final Class<? extends Enum<?>> type;

    LowerCaseValues(Class<? extends Enum<?>> type) {
        this.type = type;
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(type.getEnumConstants()).map(value -> value.name().toLowerCase(Locale.ROOT)).iterator();
    }

    /** {@code --format}. */
    static final class Formats extends LowerCaseValues {
        Formats() {
            super(ImageFormat.class);
        }
    }

    /** {@code --engine}. */
    static final class Engines extends LowerCaseValues {
        Engines() {
            super(Engine.class);
        }
    }

    /** {@code --compression}. */
    static final class Compressions extends LowerCaseValues {
        Compressions() {
            super(Compression.class);
        }
    }
}
