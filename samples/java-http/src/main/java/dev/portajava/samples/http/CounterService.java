package dev.portajava.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An HTTP service on {@code 127.0.0.1:$PORT} (8080) that answers every request with the number of requests it has
 * answered, ever: the count is kept in {@code $STATE_DIRECTORY/count}, the directory systemd gives the service for
 * {@code StateDirectory=}, so that it survives a restart.
 */
public final class CounterService {

    private final Path countFile;
    private long count;

    private CounterService(Path stateDirectory) throws IOException {
        this.countFile = stateDirectory.resolve("count");
        this.count = Files.exists(countFile) ? Long.parseLong(Files.readString(countFile).strip()) : 0;
    }

    public static void main(String[] args) throws IOException {
        String state = System.getenv("STATE_DIRECTORY");
        if (state == null) {
            System.err.println("java-http: STATE_DIRECTORY is not set: run it as a service with StateDirectory=");
            System.exit(1);
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        CounterService service = new CounterService(Path.of(state.split(":")[0]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", service::answer);
        server.start();
        System.out.println("java-http: serving on 127.0.0.1:" + port + ", " + service.count + " requests so far");
    }

    private synchronized long next() throws IOException {
        count++;
        Path temporary = countFile.resolveSibling("count.new");
        Files.writeString(temporary, count + "\n");
        Files.move(temporary, countFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return count;
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] page = ("<h1>java-http</h1><p>request " + next() + "</p>\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }
}
