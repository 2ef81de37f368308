package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.ImageMetadata;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReattachCommandTest {

    private final FakeHost host = new FakeHost();

    @Test
    void reattach_now_checksTheNewImageFirst_stopsDroppedUnits_andRestartsTheOthers() {
        host.metadata = new ImageMetadata("/srv/hello_2.raw", Map.of("ID", "hello", "PORTABLE_PREFIXES", "hello"),
                new TreeMap<>(Map.of("hello.service", "[Service]\n")));

        Cli cli = Cli.run(host, "reattach", "/srv/hello_2.raw", "--now");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("profiles", "imageMetadata /srv/hello_2.raw", "reattachImage /srv/hello_2.raw",
                "stop hello-worker.service", "reload", "stop hello.service", "start hello.service", "close"), host.calls);
        assertTrue(cli.out().contains("Stopped hello-worker.service"), cli.out());
        assertTrue(cli.out().contains("Restarted hello.service (active/running)."), cli.out());
    }

    @Test
    void reattach_brokenNewImage_exits2BeforeAnythingIsReplaced() {
        host.metadata = new ImageMetadata("/srv/hello_3.raw", Map.of("NAME", "no id"),
                new TreeMap<>(Map.of("hello.service", "[Service]\n")));

        Cli cli = Cli.run(host, "reattach", "/srv/hello_3.raw", "--now");

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("lacks the ID field; the image attached now stays attached"), cli.err());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("reattachImage")), host.calls::toString);
    }
}
