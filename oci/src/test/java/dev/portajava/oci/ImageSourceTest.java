package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSourceTest {

    @Test
    void parse_choosesTheSourceByItsPrefix() throws OciException {
        assertInstanceOf(ImageSource.Registry.class, ImageSource.parse("busybox"));
        ImageSource.Registry docker = assertInstanceOf(ImageSource.Registry.class,
                ImageSource.parse("docker://busybox"));
        assertEquals("docker.io/library/busybox:latest", docker.image().toString());
        assertEquals("docker://busybox", docker.reference());

        ImageSource.OciLayout layout = assertInstanceOf(ImageSource.OciLayout.class,
                ImageSource.parse("oci:/tmp/layout:app:1.4"));
        assertEquals(Path.of("/tmp/layout"), layout.directory());
        assertEquals(Optional.of("app:1.4"), layout.ref());
        assertEquals(Optional.of(Path.of("/tmp/layout")), layout.localPath());
        assertEquals(Optional.empty(), ((ImageSource.OciLayout) ImageSource.parse("oci:/tmp/layout")).ref());

        ImageSource.DockerArchive archive = assertInstanceOf(ImageSource.DockerArchive.class,
                ImageSource.parse("docker-archive:/tmp/a.tar:busybox:1"));
        assertEquals(Path.of("/tmp/a.tar"), archive.file());
        assertEquals(Optional.of("busybox:1"), archive.repoTag());
        assertEquals("docker-archive:/tmp/a.tar:busybox:1", archive.reference());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "registry.example:5000/team/app:1.4, 1.4",
        "registry.example:5000/team/app, none",
        "app:2@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, 2",
        "app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, none",
        "busybox:latest, latest",
        "docker://busybox:1.36, 1.36",
        "localhost:5000/app, none",
        "oci:/srv/layout:v1, none",
        "docker-archive:app.tar:app:1, none"})
    void tag_isTheTagAsWritten_neverTheImpliedLatest(String reference, String tag) throws OciException {
        assertEquals(Optional.ofNullable(tag), ImageSource.parse(reference).tag());
    }

    @Test
    void resolve_makesARelativeLocalPathRelativeToTheDirectory() throws OciException {
        Path spec = Path.of("/srv/spec");

        ImageSource layout = ImageSource.parse("oci:layout:1.4").resolve(spec);
        assertEquals("oci:/srv/spec/layout:1.4", layout.reference());
        assertEquals(Optional.of(Path.of("/srv/spec/layout")), layout.localPath());
        ImageSource archive = ImageSource.parse("docker-archive:../app.tar").resolve(spec);
        assertEquals("docker-archive:/srv/spec/../app.tar", archive.reference());
        assertEquals(Optional.of(Path.of("/srv/spec/../app.tar")), archive.localPath());
    }

    @Test
    void resolve_keepsAnAbsolutePathAndARegistryAsTheyAre() throws OciException {
        Path spec = Path.of("/srv/spec");
        for (String reference : new String[] {"oci:/layouts/app:1", "docker-archive:/a.tar", "app:1",
                "localhost:5000/app"}) {
            ImageSource source = ImageSource.parse(reference);
            assertEquals(source, source.resolve(spec), reference);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:", "oci::ref", "docker-archive:", "Bad Reference", ""})
    void parse_whenMalformed_refusesAsBadInput(String reference) {
        OciException e = assertThrows(OciException.class, () -> ImageSource.parse(reference));

        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().length() > 0);
    }

    @Test
    void parse_whenLocalPathIsMissing_saysWhichFormsThereAre() {
        OciException e = assertThrows(OciException.class, () -> ImageSource.parse("docker-archive:"));

        assertEquals("'docker-archive:': no file (docker-archive:FILE or docker-archive:FILE:REPO:TAG)",
                e.getMessage());
    }
}
