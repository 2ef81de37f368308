package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portajava.attach.ImageState;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsAttachedCommandTest {

    private final FakeHost host = new FakeHost();

    @Test
    void isAttached_whenAttached_exits0AndPrintsTheState() {
        host.state = ImageState.ATTACHED_RUNTIME;

        Cli cli = Cli.run(host, "is-attached", "portajava-no-such-file");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("attached-runtime", cli.out().strip());
        assertEquals(List.of("imageState portajava-no-such-file", "close"), host.calls);
    }

    @Test
    void isAttached_whenRunning_exits0() {
        host.state = ImageState.RUNNING;

        assertEquals(0, Cli.run(host, "is-attached", "hello").code());
    }

    @Test
    void isAttached_whenDetached_exits1AndPrintsDetached() {
        host.state = ImageState.DETACHED;

        Cli cli = Cli.run(host, "is-attached", "hello");

        assertEquals(1, cli.code());
        assertEquals("detached", cli.out().strip());
        assertEquals("", cli.err());
    }

    @Test
    void isAttached_json_givesStateAndAttached() throws Exception {
        host.state = ImageState.ENABLED;

        Cli cli = Cli.run(host, "is-attached", "/srv/hello.raw", "--json");

        assertEquals(0, cli.code(), cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals("/srv/hello.raw", json.get("image").asText());
        assertEquals("enabled", json.get("state").asText());
        assertEquals(true, json.get("attached").asBoolean());
    }
}
