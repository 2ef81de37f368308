package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.ImageFormat;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's configuration, checked against the plugin descriptor the build generated from the goal. */
class BuildMojoTest {

    private static MojoExecution execution(String configuration) throws Exception {
        PluginDescriptor plugin;
        try (Reader xml = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            plugin = new PluginDescriptorBuilder().build(xml);
        }
        MojoDescriptor build = plugin.getMojo("build");
        MojoExecution execution = new MojoExecution(build);
        execution.setConfiguration(Xpp3DomBuilder.build(new StringReader(configuration)));
        return execution;
    }

    /**
     * The goal as Maven runs it at the package phase on a project in {@code directory}: its jar {@code app.jar} (main
     * class demo.Main) and one dependency, the configuration the defaults, with the cache in {@code directory}.
     */
    private static BuildMojo mojo(Path directory) throws Exception {
        TestProject written = TestProject.write(directory.resolve("jars"), "from the goal");
        Model model = new Model();
        model.setGroupId("demo");
        model.setArtifactId("demo");
        model.setVersion("1.0");
        model.setBuild(new Build());
        model.getBuild().setDirectory(directory.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(directory.resolve("pom.xml").toFile());
        DefaultArtifactHandler jar = new DefaultArtifactHandler("jar");
        jar.setAddedToClasspath(true);
        DefaultArtifact artifact = new DefaultArtifact("demo", "demo", "1.0", null, "jar", null, jar);
        artifact.setFile(written.application().toFile());
        project.setArtifact(artifact);
        DefaultArtifact dependency = new DefaultArtifact("demo", "greeting", "1.0", "runtime", "jar", null, jar);
        dependency.setFile(written.dependency().toFile());
        project.setArtifacts(Set.of(dependency));
        BuildMojo mojo = new BuildMojo();
        mojo.project = project;
        mojo.execution = execution("<configuration/>");
        mojo.name = "demo";
        mojo.version = "1.0";
        mojo.profile = "jit";
        mojo.format = "raw";
        mojo.compression = "zstd";
        mojo.runtime = "bundled";
        mojo.startupArchive = true;
        mojo.trainingSeconds = 3;
        mojo.cacheDirectory = directory.resolve("cache").toFile();
        mojo.outputTimestamp = "1767225600";
        return mojo;
    }

    /** What the goal left in the project's target directory: nothing but what was there (nothing). */
    private static List<Path> written(Path directory) throws Exception {
        Path target = directory.resolve("target");
        if (!Files.exists(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(target)) {
            return files.filter(file -> !file.equals(target)).toList();
        }
    }

    private static void assertRefusedInOneLine(BuildMojo mojo, Path directory, String expected) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(List.of(), written(directory), "nothing is written");
        assertFalse(Files.exists(directory.resolve("target/demo_1.0.raw")), "no image");
    }

    /** A main class in neither the jar nor its dependencies would give a unit that never starts. */
    @Test
    void execute_mainClassNotInTheClassPath_failsInOneLineBeforeWritingAnything(@TempDir Path directory)
            throws Exception {
        BuildMojo mojo = mojo(directory);
        String expected = "portajava:build: demo: mainClass 'does.not.Exist' is not in the application's class path"
                + " (app.jar and its 1 dependency): no does/not/Exist.class in it";
        for (String runtime : List.of("bundled", "shared")) {
            for (boolean trained : List.of(true, false)) {
                mojo.mainClass = "does.not.Exist";
                mojo.runtime = runtime;
                mojo.startupArchive = trained;
                assertRefusedInOneLine(mojo, directory, expected);
            }
        }
        assertFalse(Files.exists(directory.resolve("cache")), "nothing in the cache either");
    }

    @Test
    void execute_trainingSecondsNotPositive_isRefusedAsTheParameter(@TempDir Path directory) throws Exception {
        BuildMojo mojo = mojo(directory);
        for (int seconds : new int[] {0, -5}) {
            for (boolean trained : List.of(true, false)) {
                mojo.trainingSeconds = seconds;
                mojo.startupArchive = trained;
                assertRefusedInOneLine(mojo, directory,
                        "portajava:build: trainingSeconds " + seconds + " is not a positive number of seconds");
            }
        }
    }

    /** A newline in a value (<profile>nonexistent&#10;ID=evil</profile>) does not make the message two lines. */
    @Test
    void execute_controlCharacterInAValue_isShownEscapedInTheOneLine(@TempDir Path directory) throws Exception {
        BuildMojo mojo = mojo(directory);
        mojo.profile = "nonexistent\nID=evil";
        assertRefusedInOneLine(mojo, directory,
                "portajava:build: profile 'nonexistent\\x0aID=evil' is not a profile name");
        mojo.profile = "jit";
        mojo.mainClass = "demo.Main";
        mojo.compression = "zstd\u001b[2J";
        assertRefusedInOneLine(mojo, directory, "portajava:build: compression 'zstd\\x1b[2J' is not one of gzip, xz,"
                + " lz4, zstd");
    }

    @Test
    void descriptor_buildGoal_isBoundToPackageWithThePrefixPortajava() throws Exception {
        MojoDescriptor build = execution("<configuration/>").getMojoDescriptor();
        assertEquals("package", build.getPhase());
        assertEquals("portajava", build.getPluginDescriptor().getGoalPrefix());
        assertEquals("runtime", build.getDependencyResolutionRequired());
    }

    @Test
    void refuseUnknown_knownConfiguration_passes() throws Exception {
        MojoExecution execution = execution("<configuration><name>demo</name><jvmFlags><jvmFlag>-Xmx64m</jvmFlag>"
                + "</jvmFlags><environment><PORT>8080</PORT></environment><format>ddi</format>"
                + "<compression>xz</compression><prettyName>Demo</prettyName><mainClass>a.B</mainClass>"
                + "<extraDirectories><extraDirectory>src/main/portajava</extraDirectory></extraDirectories>"
                + "<profile>trusted</profile><version>1.0</version><runtime>shared</runtime></configuration>");
        assertDoesNotThrow(() -> ConfigurationCheck.refuseUnknown(execution.getMojoDescriptor(),
                List.of(execution.getConfiguration())));
    }

    @Test
    void refuseUnknown_misspeltParameter_isRefusedInOneLineNamingIt() throws Exception {
        MojoExecution execution = execution("<configuration><jvmFlag>-Xmx64m</jvmFlag></configuration>");
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> ConfigurationCheck.refuseUnknown(execution.getMojoDescriptor(),
                        List.of(execution.getConfiguration())));
        assertTrue(e.getMessage().startsWith("portajava:build: unknown configuration <jvmFlag>; known: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("jvmFlags"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("project,"), "read-only parameters are not offered: " + e.getMessage());
    }

    /** Maven gives the goal only the elements it knows: the check reads the POM's plugin and execution. */
    @Test
    void written_pluginAndExecutionConfiguration_areBothRead() throws Exception {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.portajava");
        plugin.setArtifactId("portajava-maven-plugin");
        plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration><name>a</name></configuration>")));
        PluginExecution own = new PluginExecution();
        own.setId("image");
        own.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration><jvmFlag>x</jvmFlag></configuration>")));
        plugin.addExecution(own);
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().addPlugin(plugin);
        MojoExecution execution = execution("<configuration/>");
        MojoExecution image = new MojoExecution(execution.getMojoDescriptor(), "image");
        List<Xpp3Dom> written = ConfigurationCheck.written(new MavenProject(model), image);
        assertEquals(2, written.size());
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> ConfigurationCheck.refuseUnknown(image.getMojoDescriptor(), written));
        assertTrue(e.getMessage().contains("<jvmFlag>"), e.getMessage());
    }

    @Test
    void format_eachName_isTheBuildersFormat() {
        assertEquals(ImageFormat.SQUASHFS, BuildMojo.format("raw"));
        assertEquals(ImageFormat.DDI, BuildMojo.format("ddi"));
        assertEquals(ImageFormat.DIRECTORY, BuildMojo.format("directory"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildMojo.format("tar"));
        assertEquals("format 'tar' is not raw, ddi or directory", e.getMessage());
    }

    @Test
    void runtime_eachName_isAMode_andAnotherIsRefusedInOneLine() {
        assertEquals(RuntimeMode.BUNDLED, RuntimeMode.parse("bundled"));
        assertEquals(RuntimeMode.SHARED, RuntimeMode.parse("Shared"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuntimeMode.parse("jre"));
        assertEquals("runtime 'jre' is not bundled or shared", e.getMessage());
    }

    @Test
    void epoch_outputTimestamp_isSecondsOrAnInstant() {
        assertEquals(1767225600L, BuildMojo.epoch("2026-01-01T00:00:00Z"));
        assertEquals(1767225600L, BuildMojo.epoch("1767225600"));
        assertThrows(IllegalArgumentException.class, () -> BuildMojo.epoch("yesterday"));
    }

    @Test
    void serviceImage_badValues_areRefusedNamingTheParameter() {
        TestProject project = new TestProject(Path.of("app.jar"), Path.of("dep.jar"));
        ServiceImage good = project.image(ImageFormat.SQUASHFS, true);
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class, () -> new ServiceImage(
                good.name(), good.version(), good.prettyName(), good.application(), good.mainClass(),
                good.dependencies(), List.of("-Xmx64m\n-Xss1m"), good.environment(), good.extraDirectories(),
                good.profile(), good.format(), good.raw(), true, 0));
        assertTrue(flag.getMessage().startsWith("jvmFlag "), flag.getMessage());
        IllegalArgumentException variable = assertThrows(IllegalArgumentException.class, () -> new ServiceImage(
                good.name(), good.version(), good.prettyName(), good.application(), good.mainClass(),
                good.dependencies(), good.jvmFlags(), java.util.Map.of("1PORT", "80"), good.extraDirectories(),
                good.profile(), good.format(), good.raw(), true, 0));
        assertTrue(variable.getMessage().startsWith("environment variable '1PORT'"), variable.getMessage());
        IllegalArgumentException main = assertThrows(IllegalArgumentException.class, () -> new ServiceImage(
                good.name(), good.version(), good.prettyName(), good.application(), "demo.Main;rm", good.dependencies(),
                good.jvmFlags(), good.environment(), good.extraDirectories(), good.profile(), good.format(), good.raw(),
                true, 0));
        assertEquals("mainClass 'demo.Main;rm' is not a class name", main.getMessage());
    }
}
