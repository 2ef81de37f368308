package dev.portajava.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Checks, before anything is written, that the class a service image's unit runs is in the application's class
 * path: its class file is in the project's jar or in one of its dependencies (a jar, or a directory of classes). The
 * class is looked for, never loaded: a unit whose main class is missing could never start.
 */
final class MainClassCheck {

    private MainClassCheck() {
    }

    /** Refuses {@code image} in one line when no entry of its class path holds its main class's class file. */
    static void require(ServiceImage image) throws ServiceImageException {
        String file = image.mainClass().replace('.', '/') + ".class";
        List<Path> classPath = new ArrayList<>(image.dependencies());
        classPath.add(image.application());
        for (Path entry : classPath) {
            if (holds(image, entry, file)) {
                return;
            }
        }
        int dependencies = image.dependencies().size();
        String searched = dependencies == 0 ? image.application().getFileName() + ", which has no dependencies"
                : image.application().getFileName() + " and its " + dependencies
                        + (dependencies == 1 ? " dependency" : " dependencies");
        throw new ServiceImageException(image.name() + ": mainClass '" + image.mainClass() + "' is not in the"
                + " application's class path (" + searched + "): no " + file + " in it", null);
    }

    private static boolean holds(ServiceImage image, Path entry, String file) throws ServiceImageException {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(file));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        // a multi-release jar may hold the class only under META-INF/versions/N/: looked up as the runtime sees it
        try (JarFile jar = new JarFile(entry.toFile(), false, ZipFile.OPEN_READ, Runtime.version())) {
            return jar.getJarEntry(file) != null;
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": cannot read " + entry + " to find mainClass '"
                    + image.mainClass() + "': " + e.getMessage(), e);
        }
    }
}
