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
