package dev.portajava.maven;

import dev.portajava.text.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Refuses configuration the goal does not know, which Maven itself drops without a word: a misspelt
 * {@code <jvmFlag>} list would otherwise build an image without the flags. Maven hands the goal only the elements
 * it knows, so the check reads the configuration as the POM has it: the plugin's, and its execution's.
 */
final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    /** The plugin's and the execution's {@code <configuration>} of {@code execution} in {@code project}'s POM. */
    static List<Xpp3Dom> written(MavenProject project, MojoExecution execution) {
        List<Xpp3Dom> written = new ArrayList<>();
        Plugin plugin = project.getBuild().getPluginsAsMap().get(execution.getGroupId() + ":"
                + execution.getArtifactId());
        if (plugin == null) {
            return written; // run from the command line, without a <plugin> in the POM
        }
        if (plugin.getConfiguration() instanceof Xpp3Dom configuration) {
            written.add(configuration);
        }
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null && own.getConfiguration() instanceof Xpp3Dom configuration) {
            written.add(configuration);
        }
        return written;
    }

    static void refuseUnknown(MojoDescriptor goal, List<Xpp3Dom> configurations) throws MojoFailureException {
        Set<String> known = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        for (Parameter parameter : goal.getParameters()) {
            all.add(parameter.getName());
            if (parameter.isEditable()) {
                known.add(parameter.getName());
            }
        }
        for (Xpp3Dom configuration : configurations) {
            for (Xpp3Dom child : configuration.getChildren()) {
                if (!all.contains(child.getName())) {
                    throw new MojoFailureException("portajava:" + goal.getGoal() + ": unknown configuration <"
                            + ControlCharacters.escaped(child.getName()) + ">; known: " + String.join(", ", known));
                }
            }
        }
    }
}
