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
    void modules_ofAJarSharingAPackageWithTheJdk_areStillItsModules(@TempDir Path directory) throws Exception {
        // as xml-apis does: a class of its own in org.w3c.dom, which the JDK's java.xml holds too
        Path xmlApis = directory.resolve("xml-apis.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(xmlApis))) {
            out.putNextEntry(new JarEntry("org/w3c/dom/Extra.class"));
            out.write(emptyClass("org/w3c/dom/Extra"));
        }
        assertEquals("java.base,java.logging", JavaRuntime.modules(jar(directory), xmlApis));
    }

    /** The class file of an empty public class {@code name} (internal form), extending Object. */
    private static byte[] emptyClass(String name) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            out.writeShort(5); // constant pool: 4 entries, from 1
            out.writeByte(1);
            out.writeUTF(name);
            out.writeByte(7);
            out.writeShort(1);
            out.writeByte(1);
            out.writeUTF("java/lang/Object");
            out.writeByte(7);
            out.writeShort(3);
            out.writeShort(0x21); // public super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces, fields, methods, attributes
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
        }
        return bytes.toByteArray();
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
