package dev.portajava.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of systemd.v(7), as portabled applies them to an image argument. */
class VersionedDirectoryTest {

    private static final List<String> X86_64 = List.of("x86-64", "x86");

    private static Optional<String> pick(String directory, String... files) {
        List<VersionedDirectory.Entry> entries = Arrays.stream(files)
                .map(f -> new VersionedDirectory.Entry(f, !f.contains(".raw"))).toList();
        return VersionedDirectory.of(directory).orElseThrow().pick(entries, X86_64);
    }

    @Test
    void of_theTwoFormsOfSystemdV_areVersionedDirectories_otherPathsAreNot() {
        assertEquals(new VersionedDirectory(Path.of("/var/lib/machines/mymachine.raw.v"), "mymachine",
                List.of(".raw", ".mstack", ""), false), VersionedDirectory.of("/var/lib/machines/mymachine.raw.v/").orElseThrow());
        assertEquals("myapp", VersionedDirectory.of("/srv/myapp.v").orElseThrow().basename());
        assertEquals(new VersionedDirectory(Path.of("/srv/images.v"), "waldo", List.of(".raw"), false),
                VersionedDirectory.of("/srv/images.v/waldo___.raw").orElseThrow());
        assertTrue(VersionedDirectory.of("/srv/images.v/waldo___/").orElseThrow().directoriesOnly());
        assertEquals(Optional.empty(), VersionedDirectory.of("/srv/myapp_1.0.raw"));
        assertEquals(Optional.empty(), VersionedDirectory.of("/srv/myapp"));
        assertEquals(Optional.empty(), VersionedDirectory.of("/srv/waldo___.raw"), "a pattern outside a .v directory");
        assertEquals(Optional.empty(), VersionedDirectory.of("/srv/.v"));
    }

    @Test
    void pick_theManPagesFirstExample_takesTheNewestVersion() {
        assertEquals(Optional.of("mymachine_7.6.0.raw"), pick("/var/lib/machines/mymachine.raw.v",
                "mymachine_7.5.13.raw", "mymachine_7.5.14.raw", "mymachine_7.6.0.raw"));
    }

    @Test
    void pick_theManPagesComprehensiveExample_skipsZeroTriesLeftAndOtherArchitectures() {
        assertEquals(Optional.of("mymachine_7.5.14_x86-64.raw"), pick("/var/lib/machines/mymachine.raw.v/",
                "mymachine_7.5.13.raw", "mymachine_7.5.14_x86-64.raw", "mymachine_7.6.0_arm64.raw",
                "mymachine_7.7.0_x86-64+0-5.raw"));
    }

    @Test
    void pick_comparesVersionsAsNumbers_notAsText() {
        assertEquals(Optional.of("myapp_1.10.raw"), pick("/srv/myapp.v", "myapp_1.9.raw", "myapp_1.10.raw",
                "myapp_1.0.raw"));
    }

    @Test
    void pick_takesDirectoriesToo_andIgnoresOtherNamesAndInvalidVersions() {
        assertEquals(Optional.of("myapp_3"), pick("/srv/myapp.v", "myapp_2.raw", "myapp_3", "other_9.raw",
                "myapp-9.raw", "myapp_.raw", "myapp_9~rc1.raw", "README"));
    }

    @Test
    void pick_prefersTheNativeArchitecture_thenTheSecondary_thenNone_atTheSameVersion() {
        assertEquals(Optional.of("a_1_x86-64.raw"), pick("/srv/a.v", "a_1.raw", "a_1_x86.raw", "a_1_x86-64.raw"));
        assertEquals(Optional.of("a_1_x86.raw"), pick("/srv/a.v", "a_1.raw", "a_1_x86.raw"));
    }

    @Test
    void pick_withTriesCounters_prefersMoreLeft_thenFewerDone_andAFileWithoutCountersAboveAll() {
        assertEquals(Optional.of("a_1+3.raw"), pick("/srv/a.v", "a_1+1.raw", "a_1+3.raw"));
        assertEquals(Optional.of("a_1+2-1.raw"), pick("/srv/a.v", "a_1+2-4.raw", "a_1+2-1.raw"));
        assertEquals(Optional.of("a_1.raw"), pick("/srv/a.v", "a_1+5.raw", "a_1.raw"));
        assertEquals(Optional.of("a_1+1.raw"), pick("/srv/a.v", "a_2+0.raw", "a_1+1.raw"));
    }

    @Test
    void pick_aPlusNotFollowedByDigits_isPartOfTheVersion_notATriesCounter() {
        assertEquals(Optional.of("a_1+x.raw"), pick("/srv/a.v", "a_1+x.raw", "a_1+0.raw"));
        assertEquals(Optional.of("a_1+1-2.raw"), pick("/srv/a.v", "a_1+1-2.raw", "a_1+0-1.raw"));
    }

    @Test
    void pick_patternForm_matchesOnlyItsNameAndSuffix() {
        assertEquals(Optional.of("waldo_2.raw"), pick("/srv/images.v/waldo___.raw", "waldo_1.raw", "waldo_2.raw",
                "waldo_3", "fred_9.raw"));
    }

    @Test
    void pick_nothingSuitable_isEmpty() {
        assertEquals(Optional.empty(), pick("/srv/a.v", "b_1.raw", "a_1_arm64.raw"));
    }

    @Test
    void resolve_readsTheDirectory_andRefusesOneWithoutImages(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("hello.v"));
        Files.writeString(versions.resolve("hello_1.0.raw"), "one");
        Files.writeString(versions.resolve("hello_2.0.raw"), "two");
        assertEquals(versions.resolve("hello_2.0.raw").toRealPath(),
                VersionedDirectory.of(versions + "/").orElseThrow().resolve());

        Path empty = Files.createDirectories(dir.resolve("empty.v"));
        ImageNotFoundException e = assertThrows(ImageNotFoundException.class,
                () -> VersionedDirectory.of(empty.toString()).orElseThrow().resolve());
        assertEquals(empty + ": no image in this versioned directory (systemd.v(7): empty_VERSION.raw or a directory"
                + " empty_VERSION)", e.getMessage());
        assertThrows(ImageNotFoundException.class,
                () -> VersionedDirectory.of(dir.resolve("missing.v").toString()).orElseThrow().resolve());
    }

    @Test
    void resolve_patternEndingInSlash_refusesANewestEntryThatIsNoDirectory(@TempDir Path dir) throws IOException {
        Path versions = Files.createDirectories(dir.resolve("images.v"));
        Files.createDirectories(versions.resolve("app_1"));
        Files.writeString(versions.resolve("app_2"), "a file");
        assertThrows(ImageNotFoundException.class,
                () -> VersionedDirectory.of(versions + "/app___/").orElseThrow().resolve());
    }
}
