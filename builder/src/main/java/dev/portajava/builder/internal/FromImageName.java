package dev.portajava.builder.internal;

import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidOutputException;
import dev.portajava.name.ImageFile;
import dev.portajava.oci.ImageSource;
import dev.portajava.oci.OciException;
import dev.portajava.text.ControlCharacters;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The name and version of an image built from a container image alone ({@code --from}), after its output as systemd
 * names it ({@link ImageFile}): {@code NAME.raw} or {@code NAME_VERSION.raw}, and a directory {@code NAME} or
 * {@code NAME_VERSION}. Without a version there, the version is the registry reference's tag when it can be a
 * version, else {@code 0}, with a warning saying so.
 *
 * @param warning why the version is {@code 0}, and the output name that gives one; empty when the version came
 *     from the output or the tag
 */
public record FromImageName(String name, String version, Optional<String> warning) {

    /** The version of an image whose output and reference give none. */
    static final String NO_VERSION = "0";

    /**
     * @throws InvalidOutputException when the output's name gives no image name, or a version that is none (the
     *     message says which name to give instead, after the reference's tag)
     */
    public static FromImageName of(String reference, Path output) throws InvalidOutputException {
        Optional<ImageSource> source = parsed(reference);
        Optional<String> tag = source.flatMap(ImageSource::tag);
        try {
            ImageFile file = ImageFile.of(output);
            String name = file.name().value();
            Optional<String> named = file.version();
            if (named.isPresent() && !ImageSpec.Image.isVersion(named.get())) {
                throw new InvalidOutputException(output, notAVersion(file, named.get(), reference, tag));
            }
            if (named.isPresent()) {
                return new FromImageName(name, named.get(), Optional.empty());
            }
            if (tag.isPresent() && ImageSpec.Image.isVersion(tag.get())) {
                return new FromImageName(name, tag.get(), Optional.empty());
            }
            return new FromImageName(name, NO_VERSION, Optional.of(versionZero(file, reference, source, tag)));
        } catch (IllegalArgumentException e) {
            throw new InvalidOutputException(output, e.getMessage() + " (the image is named after the output: "
                    + "NAME.raw or NAME_VERSION.raw)");
        }
    }

    /**
     * Why the version the output's name gives is refused, and the names to give instead: the name alone takes the
     * reference's tag when that is a version.
     */
    private static String notAVersion(ImageFile file, String version, String reference, Optional<String> tag) {
        String name = file.name().value();
        String suffix = suffix(file);
        String problem = "'" + version + "' after the '_' would be the image's version, and is not one (letters,"
                + " digits and . ~ ^ + -); ";
        if (tag.isPresent() && ImageSpec.Image.isVersion(tag.get())) {
            return problem + "name the output " + name + suffix + " to take the tag " + tag.get() + " of --from "
                    + reference + " as the version, or " + name + "_VERSION" + suffix;
        }
        return problem + (tag.isPresent() ? "nor is the tag '" + tag.get() + "' of --from " + reference + ": " : "")
                + "name the output " + name + "_VERSION" + suffix + " with a version of those characters, or " + name
                + suffix + " for version 0";
    }

    /** Why neither the output nor the reference gave a version, and the output name that gives one. */
    private static String versionZero(ImageFile file, String reference, Optional<ImageSource> source,
            Optional<String> tag) {
        String shown = ControlCharacters.escapedUnambiguously(reference);
        String why;
        if (tag.isPresent()) {
            why = "the tag '" + tag.get() + "' of --from " + shown + " is not a version (letters, digits and"
                    + " . ~ ^ + -)";
        } else if (source.isPresent() && !(source.get() instanceof ImageSource.Registry)) {
            why = "--from " + shown + " is no registry reference, whose tag would be the version";
        } else {
            why = "--from " + shown + " has no tag";
        }
        return "the image's version is 0: " + why + "; name the output " + file.name().value() + "_VERSION"
                + suffix(file) + " to give it one";
    }

    private static String suffix(ImageFile file) {
        return file.raw() ? ImageFile.RAW : "";
    }

    /** {@code reference} parsed; empty when it is refused, with the parser's message, when the build reads it. */
    private static Optional<ImageSource> parsed(String reference) {
        try {
            return Optional.of(ImageSource.parse(reference));
        } catch (OciException e) {
            return Optional.empty();
        }
    }
}
