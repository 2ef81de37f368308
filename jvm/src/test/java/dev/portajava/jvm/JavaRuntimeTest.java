package dev.portajava.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK modules jdeps finds a jar needs, and its failures, which name the jar. */
class JavaRuntimeTest {

    /** A jar holding a class that uses java.logging. */
    private static Path jar(Path directory) throws IOException {
        return TestJars.write(directory.resolve("app.jar"), "", TestJars.Logs.class);
    }

    private static String refusal(Path... jars) {
        JdepsException e = assertThrows(JdepsException.class, () -> JavaRuntime.modules(jars));
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        return e.getMessage();
    }

    @Test
    void modules_ofAJar_areItsModules(@TempDir Path directory) throws Exception {
        assertEquals("java.base,java.logging", JavaRuntime.modules(jar(directory)));
    }

    @Test
    void modules_ofAMissingJar_isAFailureNamingIt(@TempDir Path directory) throws Exception {
        Path missing = directory.resolve("missing.jar");
        String alone = refusal(missing);
        assertTrue(alone.startsWith(missing + ": jdeps: "), alone);
        assertTrue(alone.contains("does not exist"), alone);
        String among = refusal(jar(directory), missing);
        assertTrue(among.startsWith(missing + ": jdeps: "), among);
    }

    @Test
    void modules_ofAFileThatIsNoJar_isAFailureNamingIt(@TempDir Path directory) throws Exception {
        Path text = Files.writeString(directory.resolve("text.jar"), "not a zip\n");
        String message = refusal(jar(directory), text);
        assertTrue(message.startsWith(text + ": jdeps: "), message);
        assertTrue(message.contains("zip"), message);
    }

    @Test
    void modules_ofAJarWithNoClasses_isJavaBase(@TempDir Path directory) throws Exception {
        Path empty = directory.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new JarEntry("README"));
        }
        assertEquals("java.base", JavaRuntime.modules(empty));
    }

    @Test
    void isModuleName_takesIdentifiersJoinedByDots() {
        assertTrue(JavaRuntime.isModuleName("java.base"));
        assertTrue(JavaRuntime.isModuleName("jdk.unsupported"));
        assertFalse(JavaRuntime.isModuleName("Warning: Path does not exist: /x.jar"));
        assertFalse(JavaRuntime.isModuleName(""));
        assertFalse(JavaRuntime.isModuleName("java..base"));
        assertFalse(JavaRuntime.isModuleName("java.int"));
    }
}
