package dev.portajava.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassListTest {

    @TempDir
    Path dir;

    @Test
    void without_dropsTheLinesThatNameAClass_asAWordOrInADescriptor_andKeepsTheRest() throws IOException {
        Path file = dir.resolve("commands.classes");
        Files.write(file, List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object",
                "picocli/CommandLine",
                "picocli/CommandLine$Model$ArgSpec$Builder id: 7",
                "picocli/CommandLine2",
                "dev/portajava/cli/PicocliSpecs",
                "@lambda-proxy dev/portajava/cli/Documentation getVersion ()Lpicocli/CommandLine$IVersionProvider;"
                        + " ()[Ljava/lang/String; REF_invokeStatic dev/portajava/cli/Documentation lambda$of$0"
                        + " ()[Ljava/lang/String; ()[Ljava/lang/String;",
                "@lambda-proxy dev/portajava/cli/Main run ()Ljava/lang/Runnable; ()V REF_invokeStatic"
                        + " dev/portajava/cli/Main lambda$run$0 ()V ()V",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L"));

        ClassList kept = ClassList.read(file).without(Set.of("picocli/CommandLine",
                "picocli/CommandLine$Model$ArgSpec$Builder", "picocli/CommandLine$IVersionProvider"));
        Path written = dir.resolve("archived-classes");
        kept.write(written);

        List<String> expected = List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object",
                "picocli/CommandLine2",
                "dev/portajava/cli/PicocliSpecs",
                "@lambda-proxy dev/portajava/cli/Main run ()Ljava/lang/Runnable; ()V REF_invokeStatic"
                        + " dev/portajava/cli/Main lambda$run$0 ()V ()V",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L");
        assertEquals(expected, kept.lines());
        assertEquals(expected, Files.readAllLines(written));
    }

    @Test
    void oldClasses_areThoseOfAJarCompiledBeforeJava6() throws IOException {
        Path libraries = jar("libraries.jar", "picocli/CommandLine.class", 49, "org/example/Modern.class", 61,
                "org/example/Java6.class", 50, "META-INF/versions/9/module-info.class", 53);
        Path own = jar("own.jar", "dev/portajava/cli/Main.class", 61, "old/Java1.class", 45);

        assertEquals(Set.of("picocli/CommandLine", "old/Java1"), ClassList.oldClasses(List.of(own, libraries)));
    }

    @Test
    void oldClasses_refuseAClassFileThatIsNone() throws IOException {
        Path jar = dir.resolve("broken.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.write("not a class file".getBytes());
        }

        IOException e = assertThrows(IOException.class, () -> ClassList.oldClasses(List.of(jar)));
        assertEquals("a/B.class is not a class file", e.getMessage());
    }

    /** A jar of class file headers: each entry's name and its major version, in pairs. */
    private Path jar(String name, Object... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) entries[i]));
                DataOutputStream data = new DataOutputStream(out);
                data.writeInt(0xCAFEBABE);
                data.writeShort(0);
                data.writeShort((Integer) entries[i + 1]);
                data.flush();
            }
        }
        return jar;
    }
}
