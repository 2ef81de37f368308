package dev.portajava.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    /** The names of the live threads that a client made, by the name the JDK gives them. */
    private static Set<String> threadsOf(HttpClient client) {
        String id = client.toString().replaceAll(".*\\((\\d+)\\)$", "$1");
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-" + id + "-")).collect(Collectors.toSet());
    }

    @Test
    void close_endsTheClientsSelectorThread_andNoOtherClients() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpClient other = HttpClient.newHttpClient();
        assertEquals(1, threadsOf(client).size(), "a client waits for its connections in a thread of its own");

        HttpClients.close(client);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!threadsOf(client).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(), threadsOf(client), "nothing of the closed client runs");
        assertEquals(1, threadsOf(other).size(), "another client is left alone");
        HttpClients.close(other);
    }
}
