package dev.portajava.maven;

import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.name.ImageName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the plugin builds: a Java application as a portable service image (or, with a shared runtime, as an
 * extension image of a {@link RuntimeImage}). Its runtime is linked from the JDK that runs the build; its jars,
 * start-up archive and unit are laid under {@code /usr/lib/NAME} and {@code /usr/lib/systemd/system/NAME.service}.
 *
 * @param name the image name, also the unit's and the state directory's
 * @param version the image version
 * @param prettyName the unit's description and the image's pretty name; empty: {@code NAME VERSION}
 * @param application the project's jar
 * @param mainClass the class {@code ExecStart=} runs
 * @param dependencies the runtime dependencies' jars, in class path order
 * @param jvmFlags flags given to {@code java} before the class path
 * @param environment the service's {@code Environment=}
 * @param extraDirectories trees copied to the image's root, in order, after everything else
 * @param profile the sandbox profile the image is meant to be attached with (os-release's {@code PORTAJAVA_PROFILE=})
 * @param format raw (squashfs), ddi, or directory
 * @param raw the compression of a raw or ddi image
 * @param startupArchive whether to train and dump a start-up archive
 * @param epoch the time of every file, seconds since 1970
 */
public record ServiceImage(String name, String version, Optional<String> prettyName, Path application,
        String mainClass, List<Path> dependencies, List<String> jvmFlags, Map<String, String> environment,
        List<Path> extraDirectories, String profile, ImageFormat format, RawImageOptions raw, boolean startupArchive,
        long epoch) {

    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    public ServiceImage {
        new ImageName(name);
        if (!ImageSpec.Image.isVersion(version)) {
            throw new IllegalArgumentException("version '" + version + "' is not an image version (letters, digits"
                    + " and . ~ ^ + -)");
        }
        if (prettyName.isPresent() && (prettyName.get().isBlank() || prettyName.get().indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("prettyName must be a non-empty, one-line string");
        }
        if (!CLASS_NAME.matcher(mainClass).matches()) {
            throw new IllegalArgumentException("mainClass '" + mainClass + "' is not a class name");
        }
        if (!PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("profile '" + profile + "' is not a profile name");
        }
        dependencies = List.copyOf(dependencies);
        jvmFlags = List.copyOf(jvmFlags);
        environment = Map.copyOf(environment);
        environment.forEach(ServiceUnit::checkVariable);
        jvmFlags.forEach(ServiceUnit::checkArgument);
        extraDirectories = List.copyOf(extraDirectories);
    }

    /** {@code NAME_VERSION.raw}, or {@code NAME_VERSION} for a directory. */
    public String fileName() {
        return name + "_" + version + (format == ImageFormat.DIRECTORY ? "" : ".raw");
    }

    /** The image's directory of the application: {@code /usr/lib/NAME}. */
    String home() {
        return "/usr/lib/" + name;
    }
}
