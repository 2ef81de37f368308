package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portajava.digest.Sha256;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String HEX = Sha256.hex("layer".getBytes());

    @Test
    void parsesWhatItPrints_andRefusesOtherAlgorithmsAndUpperCase() {
        Digest digest = Digest.parse("sha256:" + HEX);
        assertEquals(HEX, digest.hex());
        assertEquals(digest, Digest.parse(digest.toString()));
        assertEquals("sha256:" + HEX.substring(0, 12), digest.shortForm());
        for (String text : new String[] {"sha512:" + HEX, HEX, "sha256:" + HEX.toUpperCase(),
            "sha256:" + HEX.substring(1), "sha256:" + HEX + "0", "sha256:", null}) {
            assertThrows(IllegalArgumentException.class, () -> Digest.parse(text), text);
        }
    }

    @Test
    void aDockerSaveNameSpellsItsDigest_onlyWhenTheWholeNameIsThatForm() {
        assertEquals(Optional.of(new Digest(HEX)), Digest.named("blobs/sha256/" + HEX, "blobs/sha256/", ""));
        assertEquals(Optional.of(new Digest(HEX)), Digest.named(HEX + ".json", "", ".json"));
        for (String name : new String[] {"blobs/sha256/" + HEX + "/layer.tar", "x/blobs/sha256/" + HEX,
            "blobs/sha256/" + HEX.toUpperCase(), "blobs/sha256/" + HEX.substring(1), "blobs/sha256/",
            HEX + ".json", "blobs/sha512/" + HEX}) {
            assertEquals(Optional.empty(), Digest.named(name, "blobs/sha256/", ""), name);
        }
        for (String name : new String[] {HEX + ".json.bak", HEX + "0.json", "g" + HEX.substring(1) + ".json",
            HEX + "/json", ".json"}) {
            assertEquals(Optional.empty(), Digest.named(name, "", ".json"), name);
        }
    }
}
