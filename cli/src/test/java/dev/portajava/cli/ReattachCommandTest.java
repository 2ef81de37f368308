package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReattachCommandTest {

    private final FakeHost host = new FakeHost();

    @TempDir
    Path dir;

    @Test
    void reattach_now_checksTheNewImageFirst_stopsAndDisablesDroppedUnits_andRestartsTheOthers() throws Exception {
        Path image = TestImages.hello(dir, "hello_2");

        Cli cli = Cli.run(host, "reattach", image.toString(), "--now");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("profiles", "reattachImage " + image, "stop hello-worker.service",
                "disable [hello-worker.service]", "reload", "stop hello.service", "start hello.service", "close"),
                host.calls);
        assertTrue(cli.out().contains("Stopped hello-worker.service"), cli.out());
        assertTrue(cli.out().contains("Restarted hello.service (active/running)."), cli.out());
    }

    @Test
    void reattach_brokenNewImage_exits2BeforeAnythingIsReplaced() throws Exception {
        Path image = TestImages.directory(dir, "hello_3", "NAME=no id\n", "hello.service");

        Cli cli = Cli.run(host, "reattach", image.toString(), "--now");

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("lacks the ID field; the image attached now stays attached"), cli.err());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("reattachImage")), host.calls::toString);
    }
}
