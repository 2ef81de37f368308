package dev.portajava.builder.internal;

import dev.portajava.OsRelease;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.PortableScope;
import dev.portajava.health.HealthCheck;
import dev.portajava.name.Prefix;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Content;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes {@code /usr/lib/os-release}: {@code ID=} (the image name unless {@code [os-release]} sets it), the
 * {@code [os-release]} fields, and the fields portabled reads: {@code IMAGE_ID=}, {@code IMAGE_VERSION=},
 * {@code PORTABLE_PRETTY_NAME=} and {@code PORTABLE_PREFIXES=}; then the {@code [health]} check's
 * {@code PORTAJAVA_HEALTH_*} fields, which {@code portajava update} reads from the new image. A base image's own os-release fields ({@code ID=},
 * {@code VERSION_ID=} …) are kept, and its {@code /etc/os-release} becomes a link to the file written.
 */
final class OsReleaseStep implements BuildStep {

    static final ImagePath OS_RELEASE = ImagePath.of("/usr/lib/os-release");
    private static final ImagePath ETC_OS_RELEASE = ImagePath.of("/etc/os-release");
    private static final Pattern OS_RELEASE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:+\\-]+");

    @Override
    public String name() {
        return "os-release";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        Map<String, String> base = new TreeMap<>();
        if (context.base().isPresent()) {
            base.putAll(baseFields(context));
        }
        BuildPlan plan = context.plan();
        if (plan.exists(ETC_OS_RELEASE)) {
            Optional<ImagePath> etc = plan.resolve(ETC_OS_RELEASE.toString());
            if (etc.isEmpty() || !etc.get().equals(OS_RELEASE) || absoluteLink(plan)) {
                if (context.base().isEmpty()) {
                    throw context.invalid("the tree ships /etc/os-release, which would hide the /usr/lib/os-release "
                            + "portajava writes; remove it or make it a symlink to ../usr/lib/os-release");
                }
                try {
                    // the base image's own file: its fields are kept in the one portajava writes
                    plan.symlink(ETC_OS_RELEASE, "../usr/lib/os-release");
                } catch (PlanConflictException e) {
                    throw context.invalid("cannot replace " + ETC_OS_RELEASE + ": " + e.getMessage());
                }
            }
        }
        if (context.base().isEmpty() && plan.exists(OS_RELEASE)) {
            // a base image's own file is kept in the one written; the tree's or the spec's would just be gone
            context.warn(name(), "the tree's " + OS_RELEASE + " is replaced by the one portajava writes; put the"
                    + " fields it should keep in [os-release]");
        }
        try {
            plan.file(OS_RELEASE, new Content.Inline(render(context.spec(), base).getBytes(StandardCharsets.UTF_8)),
                    0644);
        } catch (PlanConflictException e) {
            throw context.invalid("cannot write " + OS_RELEASE + ": " + e.getMessage());
        }
        context.report(name(), "wrote " + OS_RELEASE + (base.isEmpty() ? "" : ", keeping the base image's "
                + String.join(" ", base.keySet())));
        if (etcEntry(plan).filter(e -> e.symlinkTarget() != null).isPresent()) {
            context.report(name(), ETC_OS_RELEASE + " links to it");
        }
    }

    /** True if /etc/os-release is an absolute symlink, which leads out of the image where it is mounted. */
    private static boolean absoluteLink(BuildPlan plan) {
        return etcEntry(plan).map(PlanEntry::symlinkTarget).filter(t -> t.startsWith("/")).isPresent();
    }

    /** The entry at /etc/os-release, /etc followed inside the image. */
    private static Optional<PlanEntry> etcEntry(BuildPlan plan) {
        return plan.resolve(ETC_OS_RELEASE.parent().toString())
                .flatMap(etc -> plan.get(etc.resolve(ETC_OS_RELEASE.fileName())));
    }

    /** The base image's os-release fields ({@code /etc/os-release}, else {@code /usr/lib/os-release}). */
    private static Map<String, String> baseFields(BuildContext context) throws InvalidSpecException {
        Optional<ImagePath> path = context.plan().resolve(ETC_OS_RELEASE.toString())
                .or(() -> context.plan().resolve(OS_RELEASE.toString()));
        Optional<PlanEntry> file = path.flatMap(p -> context.plan().regularFile(p.toString()));
        Map<String, String> fields = new TreeMap<>();
        if (file.isEmpty()) {
            return fields;
        }
        try {
            OsRelease.parse(UnitDirectories.text(file.get())).forEach((key, value) -> {
                if (OS_RELEASE_KEY.matcher(key).matches() && !ImageSpec.MANAGED_OS_RELEASE_KEYS.contains(key)
                        && !key.startsWith("PORTABLE_") && !key.startsWith(HealthCheck.FIELD_PREFIX)
                        && !ControlCharacters.contains(value)) {
                    fields.put(key, value);
                }
            });
        } catch (IOException e) {
            throw context.invalid("cannot read the base image's os-release: " + e.getMessage());
        }
        return fields;
    }

    static String render(ImageSpec spec) {
        return render(spec, Map.of());
    }

    /** The os-release text: the base image's fields, overridden by the spec's, then those portajava manages. */
    static String render(ImageSpec spec, Map<String, String> base) {
        ImageSpec.Image image = spec.image();
        Map<String, String> extra = new TreeMap<>(base);
        extra.putAll(spec.osRelease());
        String id = extra.containsKey("ID") ? extra.remove("ID") : image.name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder();
        line(text, "ID", id);
        extra.forEach((key, value) -> line(text, key, value));
        line(text, "IMAGE_ID", image.name());
        line(text, "IMAGE_VERSION", image.version());
        line(text, "PORTABLE_PRETTY_NAME", image.prettyNameOrDefault());
        line(text, Prefix.OS_RELEASE_FIELD,
                image.unitPrefixes().stream().map(Prefix::value).collect(Collectors.joining(" ")));
        if (image.scope() != PortableScope.SYSTEM) {
            line(text, PortableScope.OS_RELEASE_FIELD, image.scope().label()); // without it, portabled takes system
        }
        spec.healthCheck().ifPresent(check -> check.osReleaseFields().forEach((key, value) -> line(text, key, value)));
        return text.toString();
    }

    static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=');
        if (PLAIN.matcher(value).matches()) {
            text.append(value);
        } else {
            text.append('"');
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\' || c == '$' || c == '`') {
                    text.append('\\');
                }
                text.append(c);
            }
            text.append('"');
        }
        text.append('\n');
    }
}
