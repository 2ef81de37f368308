package dev.portajava.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedEntryTest {

    private static FeedEntry hello(String profile) {
        return new FeedEntry("hello", "1.0", "hello_1.0.raw", "0".repeat(64), 4096, "Hello", profile);
    }

    @Test
    void anEntryRecommendingAProfileNameThatIsNone_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hello("../etc"));
        assertEquals("'../etc' is not a valid profile name", e.getMessage());
    }

    @Test
    void anIndexWhoseEntryRecommendsAProfileNameThatIsNone_isNotAFeedIndex() {
        String json = new String(new FeedIndex(FeedIndex.MARK, FeedIndex.FORMAT, List.of(hello("strict"))).render(),
                StandardCharsets.UTF_8);
        byte[] tampered = json.replace("\"strict\"", "\"../../etc/shadow\"").getBytes(StandardCharsets.UTF_8);

        assertEquals(List.of(hello("strict")), FeedIndex.parse(json.getBytes(StandardCharsets.UTF_8)).images());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedIndex.parse(tampered));
        assertTrue(e.getMessage().startsWith("not a portajava feed index ("), e.getMessage());
        assertTrue(e.getMessage().contains("'../../etc/shadow' is not a valid profile name"), e.getMessage());
    }
}
