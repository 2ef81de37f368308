package dev.portajava.maven;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Refuses configuration the goal does not know, which Maven itself only ignores: a misspelt {@code <jvmFlag>} list
 * would otherwise build an image without the flags.
 */
final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    static void refuseUnknown(MojoExecution execution) throws MojoFailureException {
        Xpp3Dom configuration = execution.getConfiguration();
        if (configuration == null) {
            return;
        }
        Set<String> known = new TreeSet<>();
        List<Parameter> parameters = execution.getMojoDescriptor().getParameters();
        for (Parameter parameter : parameters) {
            if (parameter.isEditable()) {
                known.add(parameter.getName());
            }
        }
        for (Xpp3Dom child : configuration.getChildren()) {
            if (!known.contains(child.getName()) && !readonly(parameters, child.getName())) {
                throw new MojoFailureException("portajava:build: unknown configuration <" + child.getName()
                        + ">; known: " + String.join(", ", known));
            }
        }
    }

    private static boolean readonly(List<Parameter> parameters, String name) {
        return parameters.stream().anyMatch(parameter -> parameter.getName().equals(name) && !parameter.isEditable());
    }
}
