package dev.portajava.feed;

import java.util.List;

/**
 * What a publish did: the files it wrote or replaced, the image files it dropped ({@code --keep}), and the feed's
 * index after it. Both lists are empty when the feed already held everything.
 */
public record PublishResult(List<String> written, List<String> removed, FeedIndex index, boolean signed) {

    public PublishResult {
        written = List.copyOf(written);
        removed = List.copyOf(removed);
    }
}
