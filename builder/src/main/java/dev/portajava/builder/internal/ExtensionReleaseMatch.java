package dev.portajava.builder.internal;

import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.layer.ExtendedImage;
import java.io.IOException;
import java.util.Map;

/** Whether an extension's release fits the base image it is built for ({@code --base}), as portabled judges it. */
final class ExtensionReleaseMatch {

    private ExtensionReleaseMatch() {
    }

    /**
     * Refuses an extension whose release fields portabled would find not to match the base's os-release, as
     * systemd's extension-release validation compares them: the ID (unless {@code _any}), then the SYSEXT_LEVEL when
     * both declare one, else the VERSION_ID when the base has one.
     */
    static void check(BuildContext context, ImageSpec.Extension extension, ExtendedImage base)
            throws InvalidSpecException {
        Map<String, String> os;
        try {
            os = base.osRelease().orElseThrow(() -> new InvalidSpecException(base.path(), "not an image for --base:"
                    + " it has no os-release (/etc/os-release or /usr/lib/os-release)"));
        } catch (IOException e) {
            throw new InvalidSpecException(base.path(), "cannot read its os-release: " + e.getMessage(), e);
        }
        String id = os.getOrDefault("ID", "");
        if (id.isEmpty()) {
            throw new InvalidSpecException(base.path(), "not an image for --base: its os-release has no ID=");
        }
        if (ImageSpec.Extension.ANY.equals(extension.baseId())) {
            return;
        }
        String mismatch = null;
        String level = os.getOrDefault("SYSEXT_LEVEL", "");
        String version = os.getOrDefault("VERSION_ID", "");
        if (!id.equals(extension.baseId())) {
            mismatch = "base-id = \"" + extension.baseId() + "\", but the base has ID=" + id;
        } else if (!level.isEmpty() && extension.baseSysextLevel() != null) {
            if (!level.equals(extension.baseSysextLevel())) {
                mismatch = "base-sysext-level = \"" + extension.baseSysextLevel() + "\", but the base has SYSEXT_LEVEL="
                        + level;
            }
        } else if (!version.isEmpty() && !version.equals(extension.baseVersionId())) {
            mismatch = (extension.baseVersionId() == null ? "no base-version-id"
                    : "base-version-id = \"" + extension.baseVersionId() + "\"") + ", but the base has VERSION_ID="
                    + version;
        }
        if (mismatch != null) {
            throw context.invalid("[extension] " + mismatch + " (--base " + base.path() + "); portabled refuses"
                    + " to attach an extension whose release does not match its base's");
        }
    }

}
