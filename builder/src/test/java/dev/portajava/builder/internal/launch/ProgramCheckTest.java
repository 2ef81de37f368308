package dev.portajava.builder.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.internal.BuildPlan;
import dev.portajava.builder.internal.PlanImageFiles;
import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a program can start from an image, decided from the image alone: a tree laid out as Debian 12 lays it
 * out (merged /usr, multiarch directories, ld.so.conf with an include glob), with ELF files written by the test.
 * The image is a plan: ELF files are files of the host it points to, text files are bytes held in the plan.
 */
class ProgramCheckTest {

    private static final String MULTIARCH = "/usr/lib/x86_64-linux-gnu";
    private static final String SEARCHED = "(searched /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64,"
            + " /usr/lib64, /lib, /usr/lib and ld.so.conf)";

    @TempDir
    Path temp;

    private BuildPlan tree;
    private int files;
    private LaunchEnvironment environment = LaunchEnvironment.DEFAULT;

    @BeforeEach
    void image() throws Exception {
        tree = new BuildPlan(0);
    }

    /** The loader, libc and ld.so.conf of Debian 12, behind its /lib and /lib64 symlinks. */
    private void debian() throws Exception {
        link("/lib", "usr/lib");
        link("/lib64", "usr/lib64");
        file(MULTIARCH + "/ld-linux-x86-64.so.2", TestElf.loader().bytes(), 0755);
        link("/usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        file(MULTIARCH + "/libc.so.6", TestElf.library("libc.so.6").needs("ld-linux-x86-64.so.2").bytes(), 0644);
        text("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n\n");
        text("/etc/ld.so.conf.d/libc.conf", "# libc default configuration\n/usr/local/lib\n");
        text("/etc/ld.so.conf.d/x86_64-linux-gnu.conf", "# Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n"
                + "/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n");
    }

    @Test
    void check_dynamicProgramWithItsLoaderAndLibraries_starts() throws Exception {
        debian();
        file(MULTIARCH + "/libssl.so.3", TestElf.library("libssl.so.3").needs("libcrypto.so.3", "libc.so.6").bytes(), 0644);
        file(MULTIARCH + "/libcrypto.so.3", TestElf.library("libcrypto.so.3").needs("libc.so.6").bytes(), 0644);
        file("/usr/bin/app", TestElf.program().needs("libssl.so.3", "libc.so.6").bytes(), 0755);

        assertEquals(Optional.empty(), check("/usr/bin/app"));
    }

    @Test
    void check_withoutItsLoader_namesTheLoader() throws Exception {
        file("/usr/bin/app", TestElf.program().needs("libc.so.6").bytes(), 0755);

        assertEquals("its interpreter /lib64/ld-linux-x86-64.so.2 is not in the image", refused("/usr/bin/app"));
    }

    @Test
    void check_withoutALibrary_namesItAndWhereItWasLookedFor() throws Exception {
        debian();
        file("/usr/bin/app", TestElf.program().needs("libc.so.6", "libssl.so.3").bytes(), 0755);

        assertEquals("needs libssl.so.3, which is not in the image " + SEARCHED, refused("/usr/bin/app"));
    }

    @Test
    void check_withoutALibraryOfALibrary_namesTheChain() throws Exception {
        debian();
        file(MULTIARCH + "/libssl.so.3", TestElf.library("libssl.so.3").needs("libcrypto.so.3").bytes(), 0644);
        file("/usr/bin/app", TestElf.program().needs("libssl.so.3").bytes(), 0755);

        assertEquals("needs libssl.so.3 (/lib/x86_64-linux-gnu/libssl.so.3), which needs libcrypto.so.3, which is not"
                + " in the image " + SEARCHED, refused("/usr/bin/app"));
    }

    @Test
    void check_libraryInADirectoryOfAnIncludedConfFile_isFound_andNotWithoutTheInclude() throws Exception {
        debian();
        text("/etc/ld.so.conf.d/app.conf", "/opt/app/lib/ # the application's\n");
        file("/opt/app/lib/libapp.so.1", TestElf.library("libapp.so.1").bytes(), 0644);
        file("/usr/bin/app", TestElf.program().needs("libapp.so.1", "libc.so.6").bytes(), 0755);

        assertEquals(Optional.empty(), check("/usr/bin/app"));

        text("/etc/ld.so.conf", "# no include\n");
        assertEquals("needs libapp.so.1, which is not in the image " + SEARCHED, refused("/usr/bin/app"));
    }

    @Test
    void check_ldSoConfIncludeRelativeToItsFile_isFollowed() throws Exception {
        debian();
        text("/etc/ld.so.conf", "include ld.so.conf.d/*.conf\n");
        text("/etc/ld.so.conf.d/app.conf", "/opt/app/lib\n");
        text("/etc/ld.so.conf.d/.hidden.conf", "/opt/hidden/lib\n");
        file("/opt/app/lib/libapp.so.1", TestElf.library("libapp.so.1").bytes(), 0644);
        file("/opt/hidden/lib/libhidden.so.1", TestElf.library("libhidden.so.1").bytes(), 0644);

        file("/usr/bin/app", TestElf.program().needs("libapp.so.1").bytes(), 0755);
        assertEquals(Optional.empty(), check("/usr/bin/app"));

        file("/usr/bin/app", TestElf.program().needs("libhidden.so.1").bytes(), 0755);
        assertTrue(refused("/usr/bin/app").startsWith("needs libhidden.so.1, which is not in the image"));
    }

    @Test
    void check_libraryThatIsASymlinkLeavingTheImage_isNotFoundOnTheBuildHost() throws Exception {
        debian();
        Path host = Files.createDirectories(temp.resolve("host/lib"));
        Files.write(host.resolve("libssl.so.3"), TestElf.library("libssl.so.3").bytes());
        link(MULTIARCH + "/libssl.so.3", host.resolve("libssl.so.3").toString());
        file("/usr/bin/app", TestElf.program().needs("libssl.so.3").bytes(), 0755);

        assertEquals("needs libssl.so.3, which is not in the image " + SEARCHED, refused("/usr/bin/app"));
    }

    @Test
    void check_libraryOfAnotherClassOrMachine_isSkipped_asTheLoaderSkipsIt() throws Exception {
        debian();
        file("/usr/lib/libssl.so.3", TestElf.library("libssl.so.3").bits(32).machine(TestElf.EM_386).bytes(), 0644);
        file("/usr/bin/app", TestElf.program().needs("libssl.so.3").bytes(), 0755);

        assertEquals("needs libssl.so.3, which is not in the image as an ELF64 x86-64 library (/lib/libssl.so.3 is"
                + " ELF32 i386; " + SEARCHED.substring(1), refused("/usr/bin/app"));

        file("/usr/lib64/libssl.so.3", TestElf.library("libssl.so.3").bytes(), 0644); // searched before /usr/lib
        assertEquals(Optional.empty(), check("/usr/bin/app"));
        tree.remove(ImagePath.of("/usr/lib64/libssl.so.3"));
        file("/usr/local/lib/x86_64-linux-gnu/libssl.so.3", TestElf.library("libssl.so.3").machine(TestElf.EM_AARCH64)
                .bytes(), 0644);
        assertTrue(refused("/usr/bin/app").contains("/usr/local/lib/x86_64-linux-gnu/libssl.so.3 is ELF64 aarch64"));
    }

    @Test
    void check_runpathWithOrigin_isTheDirectoryOfTheProgramBehindItsSymlinks() throws Exception {
        debian();
        String jdk = "/usr/lib/jvm/java-17-openjdk-amd64";
        file(jdk + "/bin/java", TestElf.program().needs("libjli.so", "libc.so.6").rpath("$ORIGIN:$ORIGIN/../lib")
                .bytes(), 0755);
        file(jdk + "/lib/libjli.so", TestElf.library("libjli.so").needs("libc.so.6").bytes(), 0644);
        link("/etc/alternatives/java", jdk + "/bin/java");
        link("/usr/bin/java", "/etc/alternatives/java");

        assertEquals(Optional.empty(), check("/usr/bin/java"));

        tree.remove(ImagePath.of(jdk + "/lib/libjli.so"));
        assertEquals("needs libjli.so, which is not in the image (searched " + jdk + "/bin, " + jdk + "/bin/../lib, "
                + SEARCHED.substring("(searched ".length()), refused("/usr/bin/java"));
    }

    @Test
    void check_rpathOfTheProgram_servesItsLibraries_butRunpathDoesNot() throws Exception {
        debian();
        file("/opt/app/lib/liba.so", TestElf.library("liba.so").needs("libb.so").bytes(), 0644);
        file("/opt/app/lib/libb.so", TestElf.library("libb.so").bytes(), 0644);

        file("/opt/app/bin/app", TestElf.program().needs("liba.so").rpath("$ORIGIN/../lib").bytes(), 0755);
        assertEquals(Optional.empty(), check("/opt/app/bin/app"));

        file("/opt/app/bin/app", TestElf.program().needs("liba.so").runpath("${ORIGIN}/../lib").bytes(), 0755);
        assertTrue(refused("/opt/app/bin/app").startsWith("needs liba.so (/opt/app/bin/../lib/liba.so), which needs"
                + " libb.so, which is not in the image"), refused("/opt/app/bin/app"));
    }

    @Test
    void check_libraryOnlyTheLoaderIs_isSatisfiedByTheLoader() throws Exception {
        file("/opt/rt/ld.so", TestElf.library("ld-custom.so.1").bytes(), 0755);
        file("/opt/rt/lib/libc.so.6", TestElf.library("libc.so.6").needs("ld-custom.so.1").bytes(), 0644);
        file("/opt/rt/app", TestElf.program().interpreter("/opt/rt/ld.so").needs("libc.so.6").runpath("/opt/rt/lib")
                .bytes(), 0755);

        assertEquals(Optional.empty(), check("/opt/rt/app"));
    }

    @Test
    void check_libraryInLdLibraryPath_isFound() throws Exception {
        debian();
        file("/opt/lib/libx.so", TestElf.library("libx.so").bytes(), 0644);
        file("/usr/bin/app", TestElf.program().needs("libx.so").bytes(), 0755);
        environment = new LaunchEnvironment(true, LaunchEnvironment.SYSTEMD_PATH, Optional.of("/srv:/opt/lib"));

        assertEquals(Optional.empty(), check("/usr/bin/app"));
    }

    @Test
    void check_missingLibraryThatAHostVariableOrLibMightFind_isNotCheckedRatherThanRefused() throws Exception {
        debian();
        file("/usr/bin/app", TestElf.program().needs("libx.so").bytes(), 0755);
        environment = LaunchEnvironment.UNKNOWN;

        assertTrue(check("/usr/bin/app").orElseThrow().startsWith("libx.so may be found through an LD_LIBRARY_PATH"));

        environment = LaunchEnvironment.DEFAULT;
        file("/usr/bin/app", TestElf.program().needs("libx.so").runpath("/opt/$LIB").bytes(), 0755);
        assertTrue(check("/usr/bin/app").orElseThrow().contains("names a directory only the loader knows"));
    }

    @Test
    void check_loaderOfAnotherMachine_isRefused() throws Exception {
        debian();
        file(MULTIARCH + "/ld-linux-x86-64.so.2", TestElf.loader().machine(TestElf.EM_AARCH64).bytes(), 0755);
        file("/usr/bin/app", TestElf.program().needs("libc.so.6").bytes(), 0755);

        assertEquals("its interpreter /lib64/ld-linux-x86-64.so.2 is ELF64 aarch64, not ELF64 x86-64 like the program",
                refused("/usr/bin/app"));
    }

    @Test
    void check_loaderThatIsNotExecutable_isRefused() throws Exception {
        debian();
        file(MULTIARCH + "/ld-linux-x86-64.so.2", TestElf.loader().bytes(), 0644);
        file("/usr/bin/app", TestElf.program().bytes(), 0755);

        assertEquals("its interpreter /lib64/ld-linux-x86-64.so.2 is not executable", refused("/usr/bin/app"));
    }

    @Test
    void check_damagedElfProgram_isRefused() throws Exception {
        byte[] bytes = TestElf.program().bytes();
        file("/usr/bin/app", java.util.Arrays.copyOf(bytes, 100), 0755);

        assertTrue(refused("/usr/bin/app").startsWith("is not a valid ELF file: the file (100 bytes) ends before the"
                + " program headers"),
                refused("/usr/bin/app"));
    }

    @Test
    void check_relocatableObject_isRefused() throws Exception {
        file("/usr/bin/app", TestElf.staticProgram().type(TestElf.ET_REL).bytes(), 0755);

        assertEquals("is a relocatable object file, not a program", refused("/usr/bin/app"));
    }

    @Test
    void check_staticProgram_starts() throws Exception {
        file("/usr/bin/app", TestElf.staticProgram().bytes(), 0755);

        assertEquals(Optional.empty(), check("/usr/bin/app"));
    }

    @Test
    void check_busyboxStatic_starts() throws Exception {
        // provisioning installs Debian's busybox-static as /bin/busybox
        file("/usr/bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);

        assertEquals(Optional.empty(), check("/usr/bin/busybox"));
    }

    @Test
    void check_scriptWithoutItsInterpreter_namesTheInterpreter() throws Exception {
        text("/usr/bin/hello", "#!/bin/sh\necho hello\n", 0755);

        assertEquals("its interpreter /bin/sh is not in the image", refused("/usr/bin/hello"));

        text("/usr/bin/hello", "#!/bin/sh\r\necho hello\r\n", 0755);
        file("/bin/sh", TestElf.staticProgram().bytes(), 0755);
        assertEquals("its interpreter /bin/sh\\x0d is not in the image (the script has Windows line ends)",
                refused("/usr/bin/hello"));
    }

    @Test
    void check_scriptWithItsInterpreter_starts_throughSymlinksInTheImage() throws Exception {
        file("/usr/bin/busybox", TestElf.staticProgram().bytes(), 0755);
        link("/usr/bin/sh", "busybox");
        link("/bin", "usr/bin");
        text("/usr/bin/hello", "#!/bin/sh -e\necho hello\n", 0755);

        assertEquals(Optional.empty(), check("/usr/bin/hello"));
    }

    @Test
    void check_scriptWhoseInterpreterCannotStart_saysWhy() throws Exception {
        text("/usr/bin/hello", "#!/usr/bin/python3\n", 0755);
        file("/usr/bin/python3", TestElf.program().bytes(), 0755);

        assertEquals("its interpreter /usr/bin/python3, whose interpreter /lib64/ld-linux-x86-64.so.2 is not in the"
                + " image", refused("/usr/bin/hello"));

        debian();
        file("/usr/bin/python3", TestElf.program().needs("libpython3.11.so.1.0").bytes(), 0755);
        assertEquals("its interpreter /usr/bin/python3 needs libpython3.11.so.1.0, which is not in the image "
                + SEARCHED, refused("/usr/bin/hello"));

        file("/usr/bin/python3", TestElf.program().bytes(), 0644);
        assertEquals("its interpreter /usr/bin/python3 is not executable", refused("/usr/bin/hello"));
    }

    @Test
    void check_scriptsWhoseInterpretersLoop_areRefused() throws Exception {
        text("/bin/tool", "#!/bin/sh\n", 0755);
        link("/bin/sh", "tool");

        assertEquals("its interpreter /bin/sh is a script whose interpreters loop back to it", refused("/bin/tool"));
    }

    @Test
    void check_scriptsNestedDeeperThanTheKernelFollows_areRefused_fiveStart() throws Exception {
        file("/bin/real", TestElf.staticProgram().bytes(), 0755);
        for (int i = 1; i <= 6; i++) {
            text("/bin/s" + i, "#!/bin/" + (i == 1 ? "real" : "s" + (i - 1)) + "\n", 0755);
        }

        assertEquals(Optional.empty(), check("/bin/s5"));
        assertTrue(refused("/bin/s6").endsWith("is a script whose interpreters nest deeper than the 5 levels the kernel"
                + " follows"), refused("/bin/s6"));
    }

    @Test
    void check_envScript_findsItsProgramInThePath() throws Exception {
        file("/usr/bin/env", TestElf.staticProgram().bytes(), 0755);
        text("/usr/bin/hello", "#!/usr/bin/env python3\n", 0755);

        assertEquals("its interpreter /usr/bin/env runs python3, which is not in its PATH (" + LaunchEnvironment.SYSTEMD_PATH
                + ")", refused("/usr/bin/hello"));

        file("/usr/local/bin/python3", TestElf.program().needs("libpython3.11.so.1.0").bytes(), 0755);
        debian();
        assertEquals("its interpreter /usr/bin/env runs /usr/local/bin/python3, which needs libpython3.11.so.1.0, which"
                + " is not in the image " + SEARCHED, refused("/usr/bin/hello"));

        file("/usr/local/bin/python3", TestElf.staticProgram().bytes(), 0755);
        assertEquals(Optional.empty(), check("/usr/bin/hello"));

        environment = new LaunchEnvironment(true, "/opt/bin", Optional.empty());
        assertTrue(refused("/usr/bin/hello").endsWith("runs python3, which is not in its PATH (/opt/bin)"));

        text("/usr/bin/hello", "#!/usr/bin/env python3\r\n", 0755);
        assertTrue(refused("/usr/bin/hello").endsWith("runs python3\\x0d, which is not in its PATH (/opt/bin)"
                + " (the script has Windows line ends)"), refused("/usr/bin/hello"));
    }

    @Test
    void check_envScriptWithAHostPath_isNotChecked() throws Exception {
        file("/usr/bin/env", TestElf.staticProgram().bytes(), 0755);
        text("/usr/bin/hello", "#!/usr/bin/env python3\n", 0755);
        environment = LaunchEnvironment.UNKNOWN;

        assertTrue(check("/usr/bin/hello").isPresent());
    }

    @Test
    void check_scriptWithAnEmptyOrOverlongShebang_isRefused() throws Exception {
        text("/usr/bin/hello", "#!\necho hello\n", 0755);
        assertEquals("has a #! line that names no interpreter", refused("/usr/bin/hello"));

        text("/usr/bin/hello", "#!/opt/" + "x".repeat(260) + "\n", 0755);
        assertTrue(refused("/usr/bin/hello").startsWith("has a #! line longer than the 255 bytes the kernel reads"));
    }

    @Test
    void check_fileThatIsNeitherElfNorScript_isNotChecked() throws Exception {
        text("/usr/bin/app.jar", "PK\u0003\u0004", 0755);

        assertEquals(Optional.of("it is neither an ELF file nor a script"), check("/usr/bin/app.jar"));
    }

    @Test
    void check_muslProgram_looksInMuslsDirectories() throws Exception {
        file("/lib/ld-musl-x86_64.so.1", TestElf.library("libc.musl-x86_64.so.1").bytes(), 0755);
        file("/usr/local/lib/libz.so.1", TestElf.library("libz.so.1").bytes(), 0644);
        file("/usr/bin/app", TestElf.program().interpreter("/lib/ld-musl-x86_64.so.1").needs("libz.so.1", "libssl.so.3")
                .bytes(), 0755);

        assertEquals("needs libssl.so.3, which is not in the image (searched /lib, /usr/local/lib, /usr/lib)",
                refused("/usr/bin/app"));

        text("/etc/ld-musl-x86_64.path", "/opt/ssl/lib\n/usr/local/lib\n");
        file("/opt/ssl/lib/libssl.so.3", TestElf.library("libssl.so.3").bytes(), 0644);
        assertEquals(Optional.empty(), check("/usr/bin/app"));
    }

    private Optional<String> check(String program) throws Exception {
        return new ProgramCheck(new PlanImageFiles(tree), environment).check(program);
    }

    private String refused(String program) {
        return assertThrows(CannotStartException.class, () -> check(program)).getMessage();
    }

    private void file(String path, byte[] content, int mode) throws Exception {
        Path host = Files.write(temp.resolve("file-" + files++), content);
        tree.file(ImagePath.of(path), Content.HostFile.of(host), mode);
    }

    private void text(String path, String content) throws Exception {
        text(path, content, 0644);
    }

    private void text(String path, String content, int mode) throws Exception {
        tree.file(ImagePath.of(path), new Content.Inline(content.getBytes(StandardCharsets.UTF_8)), mode);
    }

    private void link(String path, String target) throws Exception {
        tree.symlink(ImagePath.of(path), target);
    }
}
