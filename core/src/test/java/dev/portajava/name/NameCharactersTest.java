package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The names check their characters by hand; each accepts exactly what the regular expression it replaced did, on
 * every string of up to 4 characters from an alphabet of what they treat apart, and on random longer ones.
 */
class NameCharactersTest {

    private static final String ALPHABET = "aZ7:_.-\\@+/é";

    @Test
    void unitName_isValid_asSystemdsGrammar() {
        same("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.[a-z]+", UnitName::isValid, ALPHABET + "s");
    }

    @Test
    void prefix_partsJoinedBySingleDots() {
        same("[A-Za-z0-9:_\\\\-]+(\\.[A-Za-z0-9:_\\\\-]+)*", name -> valid(() -> new Prefix(name)), ALPHABET);
    }

    @Test
    void imageName_startsWithALetterOrDigit() {
        same("[A-Za-z0-9][A-Za-z0-9.:\\-]*", name -> valid(() -> new ImageName(name)) || name.endsWith(".raw"),
                ALPHABET);
    }

    private static void same(String regex, Predicate<String> check, String alphabet) {
        List<String> failures = new ArrayList<>();
        for (String name : names(alphabet)) {
            if (name.matches(regex) != check.test(name)) {
                failures.add(name);
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Every string of up to 4 characters of {@code alphabet}, and 20,000 random ones of 5 to 12. */
    private static List<String> names(String alphabet) {
        List<String> names = new ArrayList<>(List.of(""));
        for (int start = 0, length = 1; length <= 4; length++) {
            int end = names.size();
            for (int i = start; i < end; i++) {
                for (char c : alphabet.toCharArray()) {
                    names.add(names.get(i) + c);
                }
            }
            start = end;
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = 5 + random.nextInt(8); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        return names;
    }

    private static boolean valid(Runnable construct) {
        try {
            construct.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
