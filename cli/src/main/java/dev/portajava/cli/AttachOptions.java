package dev.portajava.cli;

import dev.portajava.attach.CopyMode;
import dev.portajava.profiles.ProfileName;
import java.util.List;
import java.util.Optional;

/** What attach and reattach take beyond the unit options: the profile, the copy mode and the image's host path. */
final class AttachOptions {

    static final Positional<String> PREFIXES = Positional.many(0, "PREFIX", ValueType.TEXT,
            "Attach only the units with these prefixes (default: those the image declares in PORTABLE_PREFIXES=,"
                    + " else its name).");
    static final Option<ProfileName> PROFILE = Option.value(List.of("-p", "--profile"), "NAME", ValueType.PROFILE,
            "The sandbox profile (default: ${DEFAULT-VALUE}); see 'portajava profiles list'.")
            .defaultValue("default").candidates(new ProfileCandidates());
    static final Option<CopyMode> COPY = Option.value("--copy", "MODE", ValueType.of(CopyMode.values()),
            "How to place units and drop-ins: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
            .defaultValue("auto");
    static final Option<String> IMAGE_PATH = Option.value("--image-path", "PATH", ValueType.TEXT,
            "The path the image has on the host, when it differs from IMAGE (with --root): attach writes it into"
                    + " the units' drop-ins, and detach and reattach find the attached image by it.");
    static final List<Option<?>> ALL = List.of(PROFILE, COPY, IMAGE_PATH);

    final ProfileName profile;
    final CopyMode copyMode;
    private final String imagePath;

    AttachOptions(Invocation invocation) {
        profile = invocation.value(PROFILE);
        copyMode = invocation.value(COPY);
        imagePath = invocation.value(IMAGE_PATH);
    }

    Optional<String> imagePath() throws UsageException {
        return checked(imagePath);
    }

    /** {@code --image-path} of a command that takes it without the other attach options ({@code detach}). */
    static Optional<String> imagePath(Invocation invocation) throws UsageException {
        return checked(invocation.value(IMAGE_PATH));
    }

    private static Optional<String> checked(String imagePath) throws UsageException {
        if (imagePath != null && !imagePath.startsWith("/")) {
            throw new UsageException("--image-path: '" + imagePath + "' is not an absolute path");
        }
        return Optional.ofNullable(imagePath);
    }
}
