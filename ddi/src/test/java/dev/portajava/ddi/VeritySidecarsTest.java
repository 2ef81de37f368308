package dev.portajava.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.ImagePlan;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VeritySidecarsTest {

    @TempDir
    Path dir;

    @Test
    void write_fromTheSquashfsWritersWrites_givesTheSidecarsOfTheFileAndVeritysetupVerifiesThem() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/usr/bin"));
        byte[] random = new byte[3_000_000];
        new Random(7).nextBytes(random);
        Files.write(tree.resolve("payload"), random);
        Files.writeString(tree.resolve("small"), "a small file in a fragment\n");
        SquashfsWriter writer = SquashfsWriter.of(SquashfsOptions.defaults().withTime(0));
        ImagePlan plan = writer.plan(dir.resolve("tree")).build();

        Path read = dir.resolve("read.raw");
        writer.write(plan, read);
        VerityResult expected = VeritySidecars.write(read, VeritySidecars.of(read), Optional.empty());

        Path streamed = dir.resolve("streamed.raw");
        FileSystemWrites writes = new FileSystemWrites();
        try (FileChannel out = FileChannel.open(streamed, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            writer.write(plan, out, 0, writes);
        }
        VerityResult result = VeritySidecars.write(streamed, VeritySidecars.of(streamed), Optional.empty(), writes);

        assertEquals(expected.rootHash(), result.rootHash());
        assertEquals(-1L, Files.mismatch(read, streamed));
        Path verity = VeritySidecars.of(streamed).verity();
        assertEquals(-1L, Files.mismatch(VeritySidecars.of(read).verity(), verity));
        assertEquals(result.rootHash().hex(), Files.readString(VeritySidecars.of(streamed).rootHash()));
        TestImages.run("veritysetup", "verify", streamed.toString(), verity.toString(), result.rootHash().hex());
    }

    @Test
    void write_anyFileSystem_saltIsTheSha256OfTheDocumentedString() throws Exception {
        Path image = TestImages.squashfs(dir, 20_000);
        VeritySidecars.write(image, VeritySidecars.of(image), Optional.empty());
        String salt = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("portajava verity salt".getBytes(StandardCharsets.US_ASCII)));
        String dump = TestImages.run("veritysetup", "dump", VeritySidecars.of(image).verity().toString());
        assertTrue(dump.matches("(?s).*\\nSalt:\\s+" + salt + "\\n.*"), dump);
    }
}
