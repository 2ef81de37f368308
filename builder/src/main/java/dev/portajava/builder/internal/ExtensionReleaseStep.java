package dev.portajava.builder.internal;

import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.Prefix;
import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes an extension image's {@code /usr/lib/extension-release.d/extension-release.NAME}, as portabled and
 * systemd-dissect look for it: {@code ID=} and {@code VERSION_ID=} or {@code SYSEXT_LEVEL=} of the base it
 * extends, {@code SYSEXT_SCOPE=portable}, {@code SYSEXT_IMAGE_ID=}, {@code SYSEXT_IMAGE_VERSION=},
 * {@code PORTABLE_PRETTY_NAME=}
 * and {@code PORTABLE_PREFIXES=}; with {@code strict} set, the file's {@code user.extension-release.strict} xattr.
 * An os-release in the tree is refused: laid over the base, it would hide the base's.
 */
final class ExtensionReleaseStep implements BuildStep {

    static final ImagePath DIRECTORY = ImagePath.of("/usr/lib/extension-release.d");
    static final String STRICT_XATTR = "user.extension-release.strict";
    private static final List<String> OS_RELEASES = List.of("/etc/os-release", "/usr/lib/os-release");
    /** What of an extension a service sees: systemd lays these hierarchies over the base's. */
    static final List<String> HIERARCHIES = List.of("usr", "opt");

    @Override
    public String name() {
        return "extension-release";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        BuildPlan plan = context.plan();
        for (String osRelease : OS_RELEASES) {
            if (plan.exists(ImagePath.of(osRelease))) {
                throw context.invalid("the tree ships " + osRelease + ", which an extension may not have: laid over"
                        + " its base it would hide the base's os-release; remove it");
            }
        }
        Optional<PlanEntry> directory = plan.get(DIRECTORY);
        if (directory.isPresent() && !directory.get().isDirectory()) {
            throw context.invalid("the tree ships " + DIRECTORY + " as another thing than a directory; portajava"
                    + " writes the extension-release there");
        }
        List<PlanEntry> shipped = directory.isPresent() ? plan.list(DIRECTORY) : List.of();
        if (!shipped.isEmpty()) {
            throw context.invalid("the tree ships " + shipped.get(0).path().printable() + "; an extension's"
                    + " extension-release is written from [image] and [extension] (release-name names the file)");
        }
        ImageSpec.Image image = context.spec().image();
        ImageSpec.Extension extension = context.spec().extension();
        if (context.extended().isPresent()) {
            ExtensionReleaseMatch.check(context, extension, context.extended().get());
        }
        ImagePath file = DIRECTORY.resolve("extension-release." + extension.releaseNameOr(image.name()));
        try {
            plan.file(file, new Content.Inline(render(context.spec()).getBytes(StandardCharsets.UTF_8)), 0644);
            if (extension.strict() != null) {
                plan.xattrs(file, Map.of(STRICT_XATTR, extension.strict().toString()));
            }
        } catch (PlanConflictException e) {
            throw context.invalid("cannot write " + file + ": " + e.getMessage());
        }
        context.report(name(), "wrote " + file + (extension.strict() == null ? ""
                : " with " + STRICT_XATTR + "=" + extension.strict()));
        List<String> unseen = plan.list(ImagePath.ROOT).stream().map(e -> e.path().fileName())
                .filter(top -> !HIERARCHIES.contains(top) && !top.equals("etc")).toList();
        if (!unseen.isEmpty()) {
            context.warn(name(), unseen.stream().map(top -> "/" + top).collect(Collectors.joining(" "))
                    + ": a service sees only /usr and /opt of an extension, laid over its base");
        }
    }

    /** The extension-release text. */
    static String render(ImageSpec spec) {
        ImageSpec.Image image = spec.image();
        ImageSpec.Extension extension = spec.extension();
        StringBuilder text = new StringBuilder();
        OsReleaseStep.line(text, "ID", extension.baseId());
        if (extension.baseVersionId() != null) {
            OsReleaseStep.line(text, "VERSION_ID", extension.baseVersionId());
        }
        if (extension.baseSysextLevel() != null) {
            OsReleaseStep.line(text, "SYSEXT_LEVEL", extension.baseSysextLevel());
        }
        OsReleaseStep.line(text, "SYSEXT_SCOPE", "portable");
        // the extension's own name and version, which portabled 254+ logs (PORTABLE_EXTENSION_NAME_AND_VERSION=)
        OsReleaseStep.line(text, "SYSEXT_IMAGE_ID", image.name());
        OsReleaseStep.line(text, "SYSEXT_IMAGE_VERSION", image.version());
        OsReleaseStep.line(text, "PORTABLE_PRETTY_NAME", image.prettyNameOrDefault());
        OsReleaseStep.line(text, Prefix.OS_RELEASE_FIELD, image.unitPrefixes().stream().map(Prefix::value)
                .collect(Collectors.joining(" ")));
        return text.toString();
    }
}
