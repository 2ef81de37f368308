package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void of_splitsAtAnyRunOfWhitespace_andDropsEmptyWords() {
        assertEquals(List.of("app", "app-tools"), Words.of("  app\tapp-tools \n"));
        assertEquals(List.of("multi-user.target"), Words.of("multi-user.target"));
        assertEquals(List.of(), Words.of(""));
        assertEquals(List.of(), Words.of(" \t "));
    }

    @Test
    void of_formFeedsAndVerticalTabs_areNotSystemdsWhitespace() {
        assertEquals(List.of("a\fb", "c\u000Bd"), Words.of("a\fb c\u000Bd"));
    }

    @Test
    void of_isWhatSplittingAtRunsOfSpacesTabsAndLineBreaksGives() {
        String alphabet = "ab \t\n\r\f\u000B";
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<String> split = new ArrayList<>();
            for (String word : text.toString().split("[ \t\n\r]+")) {
                if (!word.isEmpty()) {
                    split.add(word);
                }
            }
            assertEquals(split, Words.of(text.toString()), text.toString());
        }
    }
}
