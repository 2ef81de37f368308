package dev.portajava.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.digest.Sha256;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Sha256SumsTest {

    private static final String A = Sha256.hex("a".getBytes());
    private static final String B = Sha256.hex("b".getBytes());

    /** The line as sha256sum writes it and systemd's importers read it, spelled as a pattern. */
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *]([^/\\s][^/]*)");

    @Test
    void readsWhatSha256sumWrites_textAndBinaryMode_andRendersItSorted() {
        Sha256Sums sums = Sha256Sums.parse(B + "  web_2.raw\n" + A + " *web_1.raw\n\n");
        assertEquals(Map.of("web_1.raw", A, "web_2.raw", B), sums.digests());
        assertEquals(Optional.of(A), sums.digest("web_1.raw"));
        assertEquals(A + "  web_1.raw\n" + B + "  web_2.raw\n", sums.render());
        assertEquals(sums, Sha256Sums.parse(sums.render()));
    }

    @Test
    void refusesLinesThatAreNotADigestAndAPlainName_namingTheLine() {
        for (String line : new String[] {A.toUpperCase() + "  web_1.raw", A.substring(1) + "  web_1.raw",
            A + "0  web_1.raw", A + " web_1.raw", A + "\tweb_1.raw", A + "  ", A + "  ../etc/passwd",
            A + "  dir/web_1.raw", A + "   web_1.raw", A + " *\tweb_1.raw", A, " " + A + "  web_1.raw"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Sha256Sums.parse(B + "  ok.raw\n" + line + "\n"), line);
            assertEquals("not a SHA256SUMS line: '" + line + "'", e.getMessage());
        }
    }

    @Test
    void acceptsExactlyTheLinesThePatternDoes() {
        String[] pieces = {A, A.substring(0, 63), A.toUpperCase(), "g" + A.substring(1), " ", "  ", " *", "*", "\t",
            "\u000B", "\f", "\r", "/", "web_1.raw", "a b", "é", "-", ""};
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder(i % 3 == 0 ? A : "");
            for (int n = random.nextInt(4); n >= 0; n--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = line.toString();
            if (text.isEmpty() || text.indexOf('\n') >= 0) {
                continue;
            }
            Matcher matcher = LINE.matcher(text);
            if (matcher.matches()) {
                accepted++;
                assertEquals(Map.of(matcher.group(2), matcher.group(1)), Sha256Sums.parse(text).digests(), text);
            } else {
                assertThrows(IllegalArgumentException.class, () -> Sha256Sums.parse(text), text);
            }
        }
        assertTrue(accepted > 200, accepted + " lines accepted");
    }
}
