package dev.portajava.cli;

import dev.portajava.attach.CopyMode;
import dev.portajava.profiles.ProfileName;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What attach and reattach take beyond the unit options: the profile, the copy mode and the image's host path. */
final class AttachOptions {

    @Option(names = {"-p", "--profile"}, defaultValue = "default", paramLabel = "NAME",
            completionCandidates = ProfileCandidates.class,
            description = "The sandbox profile (default: ${DEFAULT-VALUE}); see 'portajava profiles list'.")
    String profile;

    @Option(names = "--copy", defaultValue = "auto", paramLabel = "MODE",
            description = "How to place units and drop-ins: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CopyMode copyMode;

    @Option(names = "--image-path", paramLabel = "PATH",
            description = "The path the image will have on the host, when it differs from IMAGE (with --root).")
    String imagePath;

    ProfileName profileName() throws UsageException {
        try {
            return new ProfileName(profile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--profile: " + e.getMessage());
        }
    }

    Optional<String> imagePath() throws UsageException {
        if (imagePath != null && !imagePath.startsWith("/")) {
            throw new UsageException("--image-path: '" + imagePath + "' is not an absolute path");
        }
        return Optional.ofNullable(imagePath);
    }
}
