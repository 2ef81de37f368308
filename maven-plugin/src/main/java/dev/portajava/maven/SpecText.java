package dev.portajava.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code portable.toml} of a {@link ServiceImage}, for the builder: its trees, unit, and its os-release, or, as
 * an extension of a {@link RuntimeImage}, its {@code [extension]} table naming that runtime.
 */
final class SpecText {

    /** The os-release field naming the sandbox profile the image is meant for. */
    static final String PROFILE_FIELD = "PORTAJAVA_PROFILE";

    private SpecText() {
    }

    /** A tree of the build host that the image's spec copies to a directory of the image. */
    record Tree(Path from, String to) {

        /** {@code from} copied to the image's root. */
        static Tree toRoot(Path from) {
            return new Tree(from, "/");
        }
    }

    /** {@code trees} copied to the image's root. */
    static List<Tree> toRoot(List<Path> trees) {
        return trees.stream().map(Tree::toRoot).toList();
    }

    /** The spec of an image with its own runtime. */
    static String of(ServiceImage image, String unit, List<Tree> trees) {
        StringBuilder toml = image(image, unit).append("\n[os-release]\n")
                .append(PROFILE_FIELD).append(" = ").append(string(image.profile())).append('\n');
        return copies(toml, trees);
    }

    /**
     * The spec of an extension of {@code runtime}: portabled lays it only over that runtime's image (its
     * {@code ID=} and {@code VERSION_ID=}), and finds its release file by the image's file name without
     * {@code .raw}. An extension has no os-release: the profile is not written.
     */
    static String extension(ServiceImage image, String unit, List<Tree> trees, RuntimeImage runtime) {
        StringBuilder toml = image(image, unit).append("kind = \"extension\"\n\n[extension]\n")
                .append("base-id = ").append(string(RuntimeImage.NAME)).append('\n')
                .append("base-version-id = ").append(string(runtime.version())).append('\n')
                .append("release-name = ").append(string(image.name() + "_" + image.version())).append('\n');
        return copies(toml, trees);
    }

    private static StringBuilder image(ServiceImage image, String unit) {
        StringBuilder toml = new StringBuilder("[image]\n")
                .append("name = ").append(string(image.name())).append('\n')
                .append("version = ").append(string(image.version())).append('\n');
        image.prettyName().ifPresent(pretty -> toml.append("pretty-name = ").append(string(pretty)).append('\n'));
        return toml.append("units = [").append(string(unit)).append("]\n");
    }

    static String copies(StringBuilder toml, List<Tree> trees) {
        for (Tree tree : trees) {
            toml.append("\n[[copy]]\nfrom = ").append(string(tree.from().toAbsolutePath().toString()))
                    .append("\nto = ").append(string(tree.to())).append('\n');
        }
        return toml.toString();
    }

    /** A TOML basic string. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
