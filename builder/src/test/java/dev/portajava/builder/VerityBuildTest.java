package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.ImageVerifier;
import dev.portajava.ddi.SigningKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ddi images and verity sidecars of samples/hello, and the combinations the builder refuses. */
class VerityBuildTest {

    private static final Path SAMPLE = Path.of("../samples/hello");

    @TempDir
    Path dir;

    @Test
    void build_ddi_writesAVerifiableImageAndNothingElse() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out")).resolve("hello_1.0.raw");
        BuiltImage image = ImageBuilder.load(SAMPLE).withFormat(ImageFormat.DDI).build(out);
        assertEquals(ImageFormat.DDI, image.format());
        assertEquals(image.rootHash().orElseThrow(), ImageVerifier.verify(out, Optional.empty()).rootHash().hex());
        assertEquals(List.of("hello_1.0.raw"), names(out.getParent()), "no temporary or sidecar left");
    }

    @Test
    void build_squashfsWithSidecars_writesVerityAndRootHashBesideIt() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out")).resolve("hello.raw");
        BuiltImage image = ImageBuilder.load(SAMPLE)
                .withVerity(new VerityOptions(Architecture.X86_64, Optional.empty(), Optional.empty(), true))
                .build(out);
        assertEquals(List.of("hello.raw", "hello.roothash", "hello.verity"), names(out.getParent()));
        assertEquals(image.rootHash().orElseThrow(), Files.readString(out.resolveSibling("hello.roothash")));
        assertEquals(0, Files.size(out) % 4096);
        ImageVerifier.verify(out, Optional.empty());
    }

    @Test
    void build_directoryWithSidecars_isRefusedAndWritesNothing() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out")).resolve("hello");
        InvalidOutputException e = assertThrows(InvalidOutputException.class, () -> ImageBuilder.load(SAMPLE)
                .withVerity(new VerityOptions(Architecture.X86_64, Optional.empty(), Optional.empty(), true))
                .build(out));
        assertTrue(e.getMessage().contains("cannot be signed or have verity sidecars"), e.getMessage());
        assertEquals(List.of(), names(out.getParent()));
    }

    @Test
    void build_ddiWithUnreadableKey_isRefusedAndWritesNothing() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out")).resolve("hello.raw");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> ImageBuilder.load(SAMPLE)
                .withFormat(ImageFormat.DDI)
                .withVerity(new VerityOptions(Architecture.ARM64, Optional.of(key), Optional.of(cert), false))
                .build(out));
        assertTrue(e.getMessage().startsWith(cert.toString()), e.getMessage());
        assertEquals(List.of(), names(out.getParent()));
    }
}
