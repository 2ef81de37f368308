package dev.portajava.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portajava.health.HealthCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The URL check against a real HTTP server on the loopback: 2xx is healthy, anything else is not. */
class ServiceHealthProbeTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Optional<String> probe(String url, String timeout) {
        return new ServiceHealthProbe().failure(HealthCheck.parse(null, url, timeout), 0);
    }

    @Test
    void url_answering2xx_isHealthy() {
        assertEquals(Optional.empty(), probe(base + "/ok", null));
    }

    @Test
    void url_answering404_failsNamingTheStatus() {
        assertEquals(Optional.of("URL " + base + "/missing answered HTTP 404"), probe(base + "/missing", null));
    }

    @Test
    void url_redirecting_isNotFollowed() {
        assertEquals(Optional.of("URL " + base + "/moved answered HTTP 302"), probe(base + "/moved", null));
    }

    @Test
    void url_answeringTooLate_failsNamingTheTimeout() {
        assertEquals(Optional.of("URL " + base + "/slow did not answer within 500ms"), probe(base + "/slow", "500ms"));
    }

    @Test
    void url_nobodyListening_fails() {
        int port = server.getAddress().getPort();
        server.stop(0);

        Optional<String> failure = probe("http://127.0.0.1:" + port + "/ok", "2s");

        assertTrue(failure.orElseThrow().startsWith("URL http://127.0.0.1:" + port + "/ok did not answer"),
                failure.get());
    }

    @Test
    void command_withoutAMainProcess_failsSayingSo() {
        assertEquals(Optional.of("command 'true' cannot run: the service has no main process"),
                new ServiceHealthProbe().failure(HealthCheck.parse("true", null, null), 0));
    }

    @Test
    void command_runsAsTheMainProcesssUserAndGroup_readFromProc() {
        com.sun.security.auth.module.UnixSystem self = new com.sun.security.auth.module.UnixSystem();

        String[] ids = ServiceHealthProbe.effectiveIds(ProcessHandle.current().pid()).orElseThrow();

        assertEquals(Long.toString(self.getUid()), ids[0]);
        assertEquals(Long.toString(self.getGid()), ids[1]);
    }

    @Test
    void command_ofAMainProcessThatIsGone_failsSayingSo() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertEquals(Optional.of("command 'true' cannot run: the service's main process " + ended.pid() + " is gone"),
                new ServiceHealthProbe().failure(HealthCheck.parse("true", null, null), ended.pid()));
    }
}
