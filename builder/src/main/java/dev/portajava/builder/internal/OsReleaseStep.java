package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.Prefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes {@code /usr/lib/os-release}: {@code ID=} (the image name unless {@code [os-release]} sets it), the
 * {@code [os-release]} fields, and the fields portabled reads: {@code IMAGE_ID=}, {@code IMAGE_VERSION=},
 * {@code PORTABLE_PRETTY_NAME=} and {@code PORTABLE_PREFIXES=}.
 */
final class OsReleaseStep implements BuildStep {

    static final ImagePath OS_RELEASE = ImagePath.of("/usr/lib/os-release");
    private static final ImagePath ETC_OS_RELEASE = ImagePath.of("/etc/os-release");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:+\\-]+");

    @Override
    public String name() {
        return "os-release";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        if (context.tree().exists(ETC_OS_RELEASE)) {
            Optional<Path> etc = context.tree().resolve(ETC_OS_RELEASE.toString());
            Path usr = context.tree().root().resolve(OS_RELEASE.relative());
            if (etc.isEmpty() || !etc.get().equals(usr)) {
                throw context.invalid("the tree ships /etc/os-release, which would hide the /usr/lib/os-release "
                        + "portajava writes; remove it or make it a symlink to ../usr/lib/os-release");
            }
        }
        try {
            context.tree().writeFile(OS_RELEASE, render(context.spec()).getBytes(StandardCharsets.UTF_8),
                    new FileMode(0644));
        } catch (StagingException e) {
            throw context.invalid("cannot write " + OS_RELEASE + ": " + e.getMessage());
        }
        context.report(name(), "wrote " + OS_RELEASE);
        if (Files.isSymbolicLink(context.tree().root().resolve(ETC_OS_RELEASE.relative()))) {
            context.report(name(), ETC_OS_RELEASE + " links to it");
        }
    }

    static String render(ImageSpec spec) {
        ImageSpec.Image image = spec.image();
        Map<String, String> extra = new TreeMap<>(spec.osRelease());
        String id = extra.containsKey("ID") ? extra.remove("ID") : image.name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder();
        line(text, "ID", id);
        extra.forEach((key, value) -> line(text, key, value));
        line(text, "IMAGE_ID", image.name());
        line(text, "IMAGE_VERSION", image.version());
        line(text, "PORTABLE_PRETTY_NAME", image.prettyNameOrDefault());
        line(text, "PORTABLE_PREFIXES", image.unitPrefixes().stream().map(Prefix::value).collect(Collectors.joining(" ")));
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String value) {
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
