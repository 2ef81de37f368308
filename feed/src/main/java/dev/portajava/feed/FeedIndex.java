package dev.portajava.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A feed's {@code index.json}: what {@code portajava install} offers, one entry per image file, sorted by name and
 * then by version (oldest first). Its {@code feed} field marks a directory portajava publishes into.
 */
public record FeedIndex(String feed, int format, List<FeedEntry> images) {

    public static final String FILE = "index.json";
    static final String MARK = "portajava";
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Comparator<FeedEntry> ORDER = Comparator.comparing(FeedEntry::name)
            .thenComparing((a, b) -> a.newerThan(b) ? 1 : b.newerThan(a) ? -1 : 0);

    public FeedIndex {
        images = images.stream().sorted(ORDER).toList();
    }

    public static FeedIndex empty() {
        return new FeedIndex(MARK, FORMAT, List.of());
    }

    /** Reads an index; anything but a portajava index of a known format is refused. */
    public static FeedIndex parse(byte[] json) {
        FeedIndex index;
        try {
            index = JSON.readValue(json, FeedIndex.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a portajava feed index (" + e.getOriginalMessage() + ")", e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a portajava feed index (" + e.getMessage() + ")", e);
        }
        if (!MARK.equals(index.feed) || index.format != FORMAT) {
            throw new IllegalArgumentException("not a portajava feed index of format " + FORMAT);
        }
        return index;
    }

    public byte[] render() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the feed index", e);
        }
    }

    public Optional<FeedEntry> find(String name, String version) {
        return images.stream().filter(e -> e.name().equals(name) && e.version().equals(version)).findFirst();
    }

    /** The newest version of {@code name}, if the feed has it. */
    public Optional<FeedEntry> newest(String name) {
        return images.stream().filter(e -> e.name().equals(name)).reduce((older, newer) -> newer);
    }
}
