package dev.portajava.attach.local;

import dev.portajava.ddi.Architecture;
import dev.portajava.text.Words;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an extension image fits the image it is layered on, as portabled judges its extension-release against
 * the image's os-release: the scope ({@code SYSEXT_SCOPE=}, absent meaning {@code system portable}) must include
 * {@code portable}; an {@code ARCHITECTURE=} other than {@code _any} must be this machine's; {@code ID=} must be
 * {@code _any} or the image's; then, when the image has a version, {@code SYSEXT_LEVEL=} must be the image's if both
 * have one, else {@code VERSION_ID=} must be.
 */
final class ExtensionRelease {

    private ExtensionRelease() {
    }

    /** Why {@code extension} does not fit an image with {@code osRelease}; empty if it fits. */
    static Optional<String> mismatch(Map<String, String> osRelease, Map<String, String> extension) {
        if (extension.isEmpty()) {
            return Optional.of("its extension-release is empty");
        }
        String scope = extension.get("SYSEXT_SCOPE");
        if (scope != null && !Words.of(scope).contains("portable")) {
            return Optional.of("SYSEXT_SCOPE=" + scope + " does not include portable");
        }
        String architecture = extension.getOrDefault("ARCHITECTURE", "");
        String machine = Architecture.ofThisMachine().map(Architecture::label).orElse(System.getProperty("os.arch"));
        if (!architecture.isEmpty() && !architecture.equals("_any") && !architecture.equals(machine)) {
            return Optional.of("it is for architecture " + architecture + ", not " + machine);
        }
        String id = extension.getOrDefault("ID", "");
        if (id.isEmpty()) {
            return Optional.of("its extension-release has no ID=");
        }
        if (id.equals("_any")) {
            return Optional.empty();
        }
        String baseId = osRelease.getOrDefault("ID", "");
        if (!id.equals(baseId)) {
            return Optional.of("it is for ID=" + id + ", the image is ID=" + baseId);
        }
        String versionId = osRelease.getOrDefault("VERSION_ID", "");
        String level = osRelease.getOrDefault("SYSEXT_LEVEL", "");
        if (versionId.isEmpty() && level.isEmpty()) {
            return Optional.empty();
        }
        String extensionLevel = extension.getOrDefault("SYSEXT_LEVEL", "");
        if (!level.isEmpty() && !extensionLevel.isEmpty()) {
            return level.equals(extensionLevel) ? Optional.empty()
                    : Optional.of("it is for SYSEXT_LEVEL=" + extensionLevel + ", the image is SYSEXT_LEVEL=" + level);
        }
        if (versionId.isEmpty()) {
            return Optional.empty();
        }
        String extensionVersion = extension.getOrDefault("VERSION_ID", "");
        if (extensionVersion.isEmpty()) {
            return Optional.of("its extension-release has no VERSION_ID=, the image is VERSION_ID=" + versionId);
        }
        return extensionVersion.equals(versionId) ? Optional.empty()
                : Optional.of("it is for VERSION_ID=" + extensionVersion + ", the image is VERSION_ID=" + versionId);
    }
}
