package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File names that are not UTF-8, or not ASCII, copied into an image by a build run under {@code LC_ALL=C}: the
 * service, attached on the real systemd, lists its own directory, and the journal shows exactly those bytes.
 */
class FileNamesIT {

    private static final String NAMES = "names";
    /** The names of the copied tree, in hex: a\xff, a\xfe, café, d\xfd (a directory), 名前. */
    private static final String[] TREE = {"61ff", "61fe", "636166c3a9", "64fd", "e5908de5898d"};

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd).withEnvironment(Map.of("LC_ALL", "C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"names.raw", "names"})
    void attachedService_listingItsDirectory_seesEveryNameByteForByte(String fileName, @TempDir Path work)
            throws Exception {
        Path spec = Files.createDirectories(work.resolve("spec"));
        Path tree = Files.createDirectories(spec.resolve("tree"));
        for (String hex : TREE) {
            Path path = FileNames.resolve(tree, FileNames.decode(HexFormat.of().parseHex(hex)));
            if (hex.startsWith("64")) {
                Files.createDirectory(path);
            } else {
                Files.writeString(path, hex);
            }
        }
        Files.writeString(spec.resolve("portable.toml"), """
                [image]
                name = "names"
                version = "1"
                units = ["names.service"]

                [[file]]
                from = "/bin/busybox"
                to = "/usr/bin/busybox"
                mode = "0755"

                [[copy]]
                from = "tree"
                to = "/srv/names"
                """);
        Files.writeString(spec.resolve("names.service"), """
                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/usr/bin/busybox sh -c '/usr/bin/busybox find /srv/names -mindepth 1 -print0 \
                | /usr/bin/busybox od -An -tx1 -v'
                """);
        Path image = systemd.imagesDir().resolve(fileName);
        portajava.run("build", spec.toString(), "-o", image.toString(), "--force").assertOk();
        try {
            portajava.run("attach", image.toString(), "--now").assertOk();
            assertEquals("exited", systemd.unitProperty("names.service", "SubState"));

            TreeSet<String> expected = new TreeSet<>();
            for (String hex : TREE) {
                expected.add(ControlCharacters.escapedUnambiguously("/srv/names/"
                        + FileNames.decode(HexFormat.of().parseHex(hex))));
            }
            TreeSet<String> listed = listed();
            for (int i = 0; i < 50 && listed.size() < expected.size(); i++) {
                Thread.sleep(100); // the journal may still be storing the service's output
                listed = listed();
            }
            assertEquals(expected, listed);
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, NAMES);
    }

    /** The paths the service's find printed, as the journal holds its od dump of them (escaped for messages). */
    private static TreeSet<String> listed() {
        byte[] dump = hex(systemd.invocationJournal("names.service"));
        TreeSet<String> listed = new TreeSet<>();
        int start = 0;
        for (int i = 0; i < dump.length; i++) {
            if (dump[i] == 0) {
                listed.add(ControlCharacters.escapedUnambiguously(FileNames.decode(dump, start, i - start)));
                start = i + 1;
            }
        }
        return listed;
    }

    /** The bytes of od's hex lines ({@code " 2f 73 72 …"}) among the journal's lines, in order. */
    private static byte[] hex(String journal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : journal.split("\n")) {
            if (line.matches("\\s*[0-9a-f]{2}( [0-9a-f]{2})*\\s*")) {
                for (String word : line.trim().split(" ")) {
                    out.write(Integer.parseInt(word, 16));
                }
            }
        }
        return out.toByteArray();
    }
}
