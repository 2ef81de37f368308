package dev.portajava.maven;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.jvm.RuntimeCache;
import dev.portajava.squashfs.Compression;
import dev.portajava.text.ControlCharacters;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Builds the project as a portable service image, {@code target/NAME_VERSION.raw}: a minimal Java runtime linked
 * from the JDK that runs Maven, the project's jar and its runtime dependencies, a start-up archive, and a unit that
 * runs the main class. With {@code <runtime>shared</runtime>} the runtime is a base image of its own
 * ({@link RuntimeImage}) and {@code NAME_VERSION.raw} an extension image of it ({@link SharedImageBuild}).
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class BuildMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution execution;

    /** The image name, also the unit's ({@code NAME.service}) and its {@code StateDirectory=}. */
    @Parameter(property = "portajava.name", defaultValue = "${project.artifactId}")
    String name;

    /** The image version. */
    @Parameter(property = "portajava.version", defaultValue = "${project.version}")
    String version;

    /** The unit's description and the image's pretty name; default: {@code NAME VERSION}. */
    @Parameter
    String prettyName;

    /** The class the service runs; default: the {@code Main-Class} of the project jar's manifest. */
    @Parameter(property = "portajava.mainClass")
    String mainClass;

    /** Flags given to {@code java} before the class path, one per element. */
    @Parameter
    List<String> jvmFlags = new ArrayList<>();

    /** The service's environment: one element per variable, named as it. */
    @Parameter
    Map<String, String> environment = Map.of();

    /** Directories whose trees are copied to the image's root ({@code src/main/portajava/etc/app.conf} …). */
    @Parameter
    List<File> extraDirectories = new ArrayList<>();

    /** The sandbox profile the image is meant for, written to its os-release as {@code PORTAJAVA_PROFILE=}. */
    @Parameter(property = "portajava.profile", defaultValue = "jit")
    String profile;

    /** {@code raw} (a squashfs image), {@code ddi} (a disk image with verity) or {@code directory}. */
    @Parameter(property = "portajava.format", defaultValue = "raw")
    String format;

    /** The compressor of a raw or ddi image: gzip, xz, lz4 or zstd. */
    @Parameter(property = "portajava.compression", defaultValue = "zstd")
    String compression;

    /**
     * {@code bundled}: the runtime is in the image, {@code target/NAME_VERSION.raw}. {@code shared}: the runtime is a
     * base image of its own, {@code target/java-runtime_FEATURE-DIGEST.raw}, named by its content and the same for
     * every application that needs the same modules of the same JDK, and the application an extension image of it,
     * {@code target/NAME_VERSION.raw}.
     */
    @Parameter(property = "portajava.runtime", defaultValue = "bundled")
    String runtime;

    /** Whether to train and dump a start-up archive (AppCDS) for the main class. */
    @Parameter(property = "portajava.startupArchive", defaultValue = "true")
    boolean startupArchive;

    /** How long, in seconds, the start-up archive's training run of the main class may take before it is stopped. */
    @Parameter(property = "portajava.trainingSeconds", defaultValue = "3")
    int trainingSeconds;

    /** Where linked runtimes and start-up archives are kept between builds. */
    @Parameter(property = "portajava.cacheDirectory", defaultValue = "${user.home}/.cache/portajava/maven")
    File cacheDirectory;

    /** The time of every file in the image; default: {@code SOURCE_DATE_EPOCH}, else 1970. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /** Skips the goal. */
    @Parameter(property = "portajava.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("skipped");
            return;
        }
        ConfigurationCheck.refuseUnknown(execution.getMojoDescriptor(), ConfigurationCheck.written(project, execution));
        ServiceImage image;
        RuntimeMode mode;
        try {
            mode = RuntimeMode.parse(runtime);
            ServiceImageBuild.checkTraining(trainingSeconds);
            image = image();
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage(), null);
        }
        Path target = Path.of(project.getBuild().getDirectory());
        RuntimeCache cache = new RuntimeCache(cacheDirectory.toPath());
        Path work = target.resolve("portajava");
        try {
            Optional<Path> projectSpec = ProjectSpec.in(project.getBasedir().toPath());
            if (mode == RuntimeMode.SHARED) {
                SharedImageBuild.Images built = new SharedImageBuild(cache, work, Path.of("/"), trainingSeconds)
                        .build(image, projectSpec, target, line -> getLog().info(line));
                getLog().info("built " + built.runtime().path() + " (the runtime, shared)");
                getLog().info("built " + built.application().path() + " (an extension of it)");
            } else {
                BuiltImage built = new ServiceImageBuild(cache, work, Path.of("/"), trainingSeconds)
                        .build(image, projectSpec, target.resolve(image.fileName()), line -> getLog().info(line));
                getLog().info("built " + built.path());
            }
        } catch (PortajavaException e) {
            throw failure(e.getMessage(), e);
        }
    }

    /**
     * The goal's failure: {@code message} on one line, after {@code portajava:build: }, with every control character
     * of it (a configuration value's newline, say) shown as {@code \xNN}.
     */
    static MojoFailureException failure(String message, Throwable cause) {
        MojoFailureException failure = new MojoFailureException("portajava:build: "
                + ControlCharacters.escaped(message));
        if (cause != null) {
            failure.initCause(cause);
        }
        return failure;
    }

    private ServiceImage image() throws MojoFailureException {
        File jar = project.getArtifact().getFile();
        if (jar == null || !jar.isFile()) {
            throw failure("the project has no jar yet: run it at the package phase, after the jar plugin", null);
        }
        List<Path> dependencies = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact.getArtifactHandler().isAddedToClasspath() && artifact.getFile() != null) {
                dependencies.add(artifact.getFile().toPath());
            }
        }
        RawImageOptions raw = RawImageOptions.defaults().withCompression(Compression.parse(compression));
        return new ServiceImage(name, version, Optional.ofNullable(prettyName), jar.toPath(),
                mainClass != null ? mainClass : manifestMainClass(jar), dependencies, jvmFlags, environment,
                extraDirectories.stream().map(File::toPath).toList(), profile, format(format), raw, startupArchive,
                epoch(outputTimestamp));
    }

    static ImageFormat format(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "raw" -> ImageFormat.SQUASHFS;
            case "ddi" -> ImageFormat.DDI;
            case "directory" -> ImageFormat.DIRECTORY;
            default -> throw new IllegalArgumentException("format '" + format + "' is not raw, ddi or directory");
        };
    }

    /** Maven's {@code project.build.outputTimestamp} (seconds or ISO-8601), else {@code SOURCE_DATE_EPOCH}. */
    static long epoch(String outputTimestamp) {
        if (outputTimestamp == null || outputTimestamp.isBlank() || outputTimestamp.strip().length() < 2) {
            return ImageBuilder.epoch(System.getenv());
        }
        String value = outputTimestamp.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("project.build.outputTimestamp '" + value + "' is neither seconds"
                    + " since 1970 nor an ISO-8601 instant");
        }
    }

    private static String manifestMainClass(File jar) throws MojoFailureException {
        try (JarFile file = new JarFile(jar)) {
            String main = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null || main.isBlank()) {
                throw failure(jar.getName() + " has no Main-Class in its manifest: set <mainClass> in the plugin's"
                        + " configuration", null);
            }
            return main.strip();
        } catch (IOException e) {
            throw failure("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
