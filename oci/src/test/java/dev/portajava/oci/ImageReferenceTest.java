package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({
        "busybox,                                docker.io/library/busybox:latest,        registry-1.docker.io",
        "busybox:1.36,                           docker.io/library/busybox:1.36,          registry-1.docker.io",
        "user/app,                               docker.io/user/app:latest,               registry-1.docker.io",
        "docker.io/busybox,                      docker.io/library/busybox:latest,        registry-1.docker.io",
        "index.docker.io/user/app:v1,            docker.io/user/app:v1,                   registry-1.docker.io",
        "registry.example:5000/team/app:1.4,     registry.example:5000/team/app:1.4,      registry.example:5000",
        "registry.example/team/sub/app,          registry.example/team/sub/app:latest,    registry.example",
        "localhost/app:dev,                      localhost/app:dev,                       localhost",
        "localhost:5000/app,                     localhost:5000/app:latest,               localhost:5000",
        "Registry/app,                           Registry/app:latest,                     Registry",
        "[::1]:5000/app:1,                       [::1]:5000/app:1,                        [::1]:5000",
        "ghcr.io/o-r_g/a__b.c--d:V_1.2-rc,       ghcr.io/o-r_g/a__b.c--d:V_1.2-rc,        ghcr.io",
    })
    void parsesReferences(String text, String canonical, String apiHost) throws OciException {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(canonical, ref.toString());
        assertEquals(apiHost, ref.apiHost());
    }

    @Test
    void digestsAreKeptAndDecide() throws OciException {
        ImageReference byDigest = ImageReference.parse("registry.example/app@sha256:" + HEX);
        assertEquals(Optional.empty(), byDigest.tag());
        assertEquals(Optional.of(new Digest(HEX)), byDigest.digest());
        assertEquals("sha256:" + HEX, byDigest.manifestReference());
        assertEquals("registry.example/app@sha256:" + HEX, byDigest.toString());

        ImageReference both = ImageReference.parse("registry.example:5000/app:1.4@sha256:" + HEX);
        assertEquals(Optional.of("1.4"), both.tag());
        assertEquals("sha256:" + HEX, both.manifestReference());
        assertEquals("registry.example:5000", both.registry());
        assertEquals("app", both.repository());

        ImageReference hub = ImageReference.parse("busybox@sha256:" + HEX);
        assertEquals("library/busybox", hub.repository());
        assertEquals("1.4", ImageReference.parse("registry.example/app:1.4").manifestReference());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app/UPPER", "registry.example/App", "app:", "app:-tag", "app:.tag",
        "registry.example/app@sha256:abc", "registry.example/app@sha512:" + HEX + HEX, "registry.example/app@",
        "/app", "registry.example/", "registry.example//app", "app-/x", "a..b", "-registry.example/app",
        "registry.example:port/app", "app with space", "registry.example/app:1\n2"})
    void refusesMalformedReferences(String text) {
        OciException e = assertThrows(OciException.class, () -> ImageReference.parse(text));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().startsWith("image reference"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void tagsHaveAtMost128Characters() throws OciException {
        assertEquals(Optional.of("t".repeat(128)), ImageReference.parse("app:" + "t".repeat(128)).tag());
        assertThrows(OciException.class, () -> ImageReference.parse("app:" + "t".repeat(129)));
    }

    @Test
    void theMessageNamesTheReference() {
        OciException e = assertThrows(OciException.class, () -> ImageReference.parse("registry.example/App:1"));
        assertEquals("image reference 'registry.example/App:1': repository name 'App' must be lower-case",
                e.getMessage());
    }
}
