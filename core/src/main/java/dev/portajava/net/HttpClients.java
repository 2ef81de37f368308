package dev.portajava.net;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends what an {@link HttpClient} leaves running. Its selector thread ({@code HttpClient-ID-SelectorManager}) waits in
 * {@code epoll_wait}, in native code, until the client is collected; and a JVM that exits while one of its threads is
 * in native code waits up to 300 ms for it first (HotSpot's {@code VM_Exit::wait_for_threads_in_native_to_block}):
 * a quarter of a build from a warm cache. From Java 21 the client is {@link AutoCloseable} and its {@code close} ends
 * the thread; Java 17's has no such method, and its selector thread ends when it is interrupted.
 */
public final class HttpClients {

    /** How Java 17 to 20 name a client ({@code Object.toString} and its id) and its selector thread. */
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");
    private static final String SELECTOR = "HttpClient-%s-SelectorManager";

    private HttpClients() {
    }

    /** Ends {@code client}'s threads, once nothing more is sent with it. Requests still in flight fail. */
    public static void close(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // Java 21's declares no exception
            } catch (Exception e) {
                throw new IllegalStateException("closing " + client, e);
            }
            return;
        }
        Matcher id = CLIENT_ID.matcher(client.toString());
        if (!id.find()) {
            return; // another implementation, whose threads are its own business
        }
        String name = String.format(SELECTOR, id.group(1));
        for (Thread thread : allThreads()) {
            if (thread.getName().equals(name)) {
                thread.interrupt();
            }
        }
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int count;
        while ((count = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, count);
    }
}
