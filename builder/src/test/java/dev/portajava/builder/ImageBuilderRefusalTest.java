package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.helloSpec;
import static dev.portajava.builder.SpecFixture.names;
import static dev.portajava.builder.SpecFixture.specDir;
import static dev.portajava.builder.SpecFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.PortajavaException;
import dev.portajava.builder.internal.launch.TestElf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every build the builder must refuse: the error names the file and the problem in one line, and nothing is
 * written, neither the output nor a hidden temporary sibling.
 */
class ImageBuilderRefusalTest {

    @TempDir
    Path temp;

    private Path spec;
    private Path outDir;
    private Path output;

    @BeforeEach
    void directories() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        outDir = Files.createDirectory(temp.resolve("out"));
        output = outDir.resolve("hello");
    }

    @Test
    void build_whenUnitLacksThePrefix_refusesNamingTheUnit() throws Exception {
        write(spec.resolve("other.service"), SpecFixture.HELLO_UNIT);
        specDir(spec, helloSpec("").replace("hello.service", "other.service"), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "other.service", "does not carry the image's prefix (hello)");
    }

    @Test
    void build_whenUnitInTreeLacksDeclaredPrefix_refuses() throws Exception {
        helloDir(spec, """
                [[file]]
                content = "[Service]\\nExecStart=/usr/bin/hello\\n"
                to = "/etc/systemd/system/helloworld.service"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "/etc/systemd/system/helloworld.service", "prefix");
    }

    @Test
    void build_whenUnitIsAMount_refusesNamingTheUnitFile() throws Exception {
        write(spec.resolve("hello.mount"), "[Mount]\nWhat=/dev/sda1\nWhere=/mnt\n");
        specDir(spec, helloSpec("").replace("hello.service", "hello.mount"), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("hello.mount"), "'hello.mount'", "not a unit type portable services may ship");
    }

    @Test
    void build_whenTreeShipsASliceUnit_refusesNamingIt() throws Exception {
        helloDir(spec, """
                [[file]]
                content = "[Slice]\\n"
                to = "/usr/lib/systemd/system/hello.slice"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "hello.slice", "not a unit type");
    }

    @Test
    void build_whenExecStartIsNotInTheImage_refusesNamingTheProgram() throws Exception {
        specDir(spec, helloSpec(""), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "/usr/bin/missing"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/missing", "no such program in the image");
    }

    @Test
    void build_whenExecStartExistsOnlyOnTheHost_refuses() throws Exception {
        String program = hostOnlyProgram();
        specDir(spec, helloSpec(""), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", program + " --greet"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=" + program, "no such program in the image");
    }

    @Test
    void build_whenBareCommandExistsOnlyOnTheHost_refuses() throws Exception {
        specDir(spec, helloSpec(""), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "cat /etc/hostname"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=cat", "no such program in the image");
    }

    @Test
    void build_whenExecStartPreIsMissing_refusesNamingTheSetting() throws Exception {
        specDir(spec, helloSpec(""), SpecFixture.HELLO_UNIT.replace("ExecStart=", "ExecStartPre=/usr/bin/prepare\nExecStart="));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStartPre=/usr/bin/prepare", "no such program");
    }

    @Test
    void build_whenScriptInterpreterIsNotInTheImage_refusesNamingIt() throws Exception {
        specDir(spec, helloSpec("").replace("#!/bin/sh", "#!/bin/bash"), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertEquals(spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/hello.service line 5"
                + " ExecStart=/usr/bin/hello: its interpreter /bin/bash is not in the image", e.getMessage());
    }

    @Test
    void build_whenEnvScriptFindsNoProgramInThePath_refusesNamingIt() throws Exception {
        specDir(spec, helloSpec("""
                [[file]]
                from = "sh"
                to = "/usr/bin/env"
                """).replace("#!/bin/sh", "#!/usr/bin/env python3"), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/hello",
                "its interpreter /usr/bin/env runs python3, which is not in its PATH (/usr/local/sbin:/usr/local/bin:"
                        + "/usr/sbin:/usr/bin:/sbin:/bin)");
    }

    @Test
    void build_whenShebangNamesNoInterpreter_refuses() throws Exception {
        specDir(spec, helloSpec("").replace("#!/bin/sh", "#!"), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/hello",
                "has a #! line that names no interpreter");
    }

    @Test
    void build_whenShebangIsLongerThanTheKernelReads_refuses() throws Exception {
        specDir(spec, helloSpec("").replace("#!/bin/sh", "#!/opt/" + "x".repeat(300)), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/hello",
                "has a #! line longer than the 255 bytes the kernel reads");
    }

    @Test
    void build_whenProgramsLoaderIsNotInTheImage_refusesNamingIt() throws Exception {
        Files.write(spec.resolve("app"), TestElf.program().needs("libc.so.6").bytes());
        specDir(spec, helloSpec(SpecFixture.APP), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "/usr/bin/app --serve"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertEquals(spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/hello.service line 5"
                + " ExecStart=/usr/bin/app: its interpreter /lib64/ld-linux-x86-64.so.2 is not in the image",
                e.getMessage());
    }

    @Test
    void build_whenALibraryOfTheProgramIsNotInTheImage_refusesNamingItAndWhereItLooked() throws Exception {
        Files.write(spec.resolve("app"), TestElf.program().needs("libssl.so.3", "libc.so.6").bytes());
        Files.write(spec.resolve("ld.so"), TestElf.loader().bytes());
        Files.write(spec.resolve("libc.so.6"), TestElf.library("libc.so.6").bytes());
        specDir(spec, helloSpec(SpecFixture.APP + SpecFixture.LOADER_AND_LIBC), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "/usr/bin/app"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertEquals(spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/hello.service line 5"
                + " ExecStart=/usr/bin/app: needs libssl.so.3, which is not in the image (searched /lib/x86_64-linux-gnu,"
                + " /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64, /lib, /usr/lib and ld.so.conf)", e.getMessage());
    }

    @Test
    void build_whenExecStartIsADamagedElfFile_refuses() throws Exception {
        Files.write(spec.resolve("app"), Arrays.copyOf(TestElf.program().bytes(), 90));
        specDir(spec, helloSpec(SpecFixture.APP), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "/usr/bin/app"));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/app", "is not a valid ELF file: the file (90"
                + " bytes) ends before the program headers (112 bytes at 64)");
    }

    @Test
    void build_whenTheUnitFileIsEmpty_refuses() throws Exception {
        specDir(spec, helloSpec(""), "");

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertEquals(spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/hello.service is empty; systemd"
                + " takes an empty unit file for a masked one and never starts it", e.getMessage());
    }

    @Test
    void build_whenAnEmptyUnitComesFromTheTree_refuses() throws Exception {
        helloDir(spec, """
                [[file]]
                content = ""
                to = "/etc/systemd/system/hello-worker.service"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "unit /etc/systemd/system/hello-worker.service", "is empty");
    }

    @Test
    void build_whenExecStartIsASymlinkToAnAbsoluteHostPath_refuses() throws Exception {
        specDir(spec, """
                [image]
                name = "hello"
                version = "1.0"
                units = ["hello.service"]

                [[symlink]]
                path = "/usr/bin/hello"
                target = "%s"
                """.formatted(hostOnlyProgram()), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/hello", "no such program in the image");
    }

    @Test
    void build_whenExecStartIsNotExecutable_refuses() throws Exception {
        specDir(spec, helloSpec("").replace("mode = \"0755\"", "mode = \"0644\""), SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "ExecStart=/usr/bin/hello", "not executable");
    }

    @Test
    void build_whenFromClimbsOutOfTheSpecDirectory_refuses() throws Exception {
        write(temp.resolve("x"), "secret");
        helloDir(spec, """
                [[file]]
                from = "../x"
                to = "/etc/x"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "'../x'", "escapes the spec directory");
    }

    @Test
    void build_whenFromIsASymlinkLeavingTheSpecDirectory_refuses() throws Exception {
        write(temp.resolve("outside/secret"), "secret");
        Files.createSymbolicLink(spec.resolve("link"), temp.resolve("outside/secret"));
        helloDir(spec, """
                [[file]]
                from = "link"
                to = "/etc/x"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "'link'", "escapes the spec directory");
    }

    @Test
    void build_whenCopyTreeIsASymlinkLeavingTheSpecDirectory_refuses() throws Exception {
        write(temp.resolve("outside/etc/x"), "secret");
        Files.createSymbolicLink(spec.resolve("root"), Path.of("../outside"));
        helloDir(spec, """
                [[copy]]
                from = "root"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "'root'", "escapes the spec directory");
    }

    @Test
    void build_whenCopyTreeHasAFifo_refusesNamingIt() throws Exception {
        Path root = Files.createDirectories(spec.resolve("root/run/hello"));
        mkfifo(root.resolve("pipe"));
        helloDir(spec, """
                [[copy]]
                from = "root"
                """);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), root.resolve("pipe").toString(), "FIFO");
    }

    @Test
    void build_whenSymlinkMakesUsrBinAHostPathAndAFileGoesThere_refusesAndLeavesTheHostAlone() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host/bin"));
        helloDir(spec, """
                [[symlink]]
                path = "/usr/bin"
                target = "%s"

                [[file]]
                content = "pwned"
                to = "/usr/bin/x"
                """.formatted(host));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "/usr/bin", "");
        assertEquals(List.of(), names(host), "nothing written on the host");
    }

    @Test
    void build_whenCopiedTreeLinksUsrBinToAHostPathAndAFileGoesThere_refusesAndLeavesTheHostAlone() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host/bin"));
        Files.createDirectories(spec.resolve("root/usr"));
        Files.createSymbolicLink(spec.resolve("root/usr/bin"), host);
        specDir(spec, """
                [image]
                name = "hello"
                version = "1.0"
                units = ["hello.service"]

                [[copy]]
                from = "root"

                [[file]]
                content = "#!/bin/sh\\n"
                to = "/usr/bin/hello"
                mode = "0755"
                """, SpecFixture.HELLO_UNIT);

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "/usr/bin/hello", "passes through the symlink /usr/bin");
        assertEquals(List.of(), names(host), "nothing written on the host");
    }

    @Test
    void build_whenStateDirectoryParentIsAHostSymlink_refusesAndLeavesTheHostAlone() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host/var"));
        helloDir(spec, """
                [[symlink]]
                path = "/var"
                target = "%s"
                """.formatted(host));

        InvalidSpecException e = assertRefused(InvalidSpecException.class);

        assertMessage(e, spec.resolve("portable.toml"), "/var", "symlink");
        assertEquals(List.of(), names(host), "nothing written on the host");
    }

    @Test
    void build_whenOutputExists_refusesAndKeepsIt() throws Exception {
        helloDir(spec, "");
        write(output.resolve("keep"), "old");

        InvalidOutputException e = assertRefused(InvalidOutputException.class);

        assertTrue(e.getMessage().startsWith(output + ": already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals(List.of("keep"), names(output));
        assertEquals("old", Files.readString(output.resolve("keep")));
    }

    @Test
    void build_whenRawOutputExists_refusesAndKeepsIt() throws Exception {
        helloDir(spec, "");
        output = outDir.resolve("hello.raw");
        write(output, "old");

        assertRefused(InvalidOutputException.class);

        assertEquals("old", Files.readString(output));
    }

    @Test
    void build_whenOutputIsADanglingSymlink_refuses() throws Exception {
        helloDir(spec, "");
        Files.createSymbolicLink(output, outDir.resolve("nowhere"));

        assertRefused(InvalidOutputException.class);

        assertTrue(Files.isSymbolicLink(output));
        assertFalse(Files.exists(outDir.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void build_whenRawNameLacksRawSuffix_refuses() throws Exception {
        helloDir(spec, "");

        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> ImageBuilder.load(spec).withFormat(ImageFormat.SQUASHFS).build(output));

        assertTrue(e.getMessage().startsWith(output + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(".raw"), e.getMessage());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenOutputDirectoryIsMissing_refusesNamingIt() throws Exception {
        helloDir(spec, "");
        Path missing = outDir.resolve("missing/hello");

        ImageBuildException e = assertThrows(ImageBuildException.class, () -> ImageBuilder.load(spec).build(missing));

        assertTrue(e.getMessage().contains(outDir.resolve("missing") + " does not exist"), e.getMessage());
        assertEquals(List.of(), names(outDir));
    }

    /** Builds the spec to {@code output}, expects {@code type}, and checks that the output directory did not change. */
    private <T extends PortajavaException> T assertRefused(Class<T> type) throws IOException {
        List<String> before = names(outDir);
        T e = assertThrows(type, () -> ImageBuilder.load(spec).build(output));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, names(outDir), "the output directory is as it was");
        String hidden = "." + output.getFileName() + ".portajava-";
        assertTrue(names(outDir).stream().noneMatch(n -> n.startsWith(hidden)), "no temporary left");
        return e;
    }

    private static void assertMessage(Exception e, Path file, String subject, String problem) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), "names " + file + ": " + message);
        assertTrue(message.contains(subject), "names " + subject + ": " + message);
        assertTrue(message.contains(problem), "says " + problem + ": " + message);
    }

    /** An executable file at an absolute path of the build host, outside the spec directory and the image. */
    private String hostOnlyProgram() throws IOException {
        Path program = Files.writeString(temp.resolve("host-only-program"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(program, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(Files.isExecutable(program));
        return program.toString();
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0, "mkfifo " + path);
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path));
    }
}
