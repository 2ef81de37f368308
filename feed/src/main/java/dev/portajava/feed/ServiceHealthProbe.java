package dev.portajava.feed;

import dev.portajava.health.HealthCheck;
import dev.portajava.net.HttpClients;
import dev.portajava.text.TimeSpan;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The health check as a user would run it: a URL is fetched from this machine (a 2xx answer is healthy; redirects are
 * not followed), a command runs with {@code /bin/sh -c} in the service's namespaces and root directory, as the
 * service's own user and group ({@code nsenter --target MAINPID --all --root --wd --setuid UID --setgid GID}, the main
 * process's effective IDs: the image's command gets no more than the image's service has), and must exit 0; each
 * within the check's timeout.
 */
public final class ServiceHealthProbe implements HealthProbe {

    private static final int OUTPUT_LIMIT = 2000;

    @Override
    public Optional<String> failure(HealthCheck check, long mainPid) {
        try {
            return check.command() != null ? command(check, mainPid) : url(check);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(check.describe() + ": interrupted");
        }
    }

    private static Optional<String> url(HealthCheck check) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(check.timeout()).build();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(check.url()).timeout(check.timeout()).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of(check.describe() + " answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return Optional.of(check.describe() + " did not answer within " + TimeSpan.format(check.timeout()));
        } catch (IOException e) {
            return Optional.of(check.describe() + " did not answer: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            HttpClients.close(http);
        }
    }

    private static Optional<String> command(HealthCheck check, long mainPid) throws InterruptedException {
        if (mainPid <= 0) {
            return Optional.of(check.describe() + " cannot run: the service has no main process");
        }
        Optional<String[]> ids = effectiveIds(mainPid);
        if (ids.isEmpty()) {
            return Optional.of(check.describe() + " cannot run: the service's main process " + mainPid + " is gone");
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of("nsenter", "--target", Long.toString(mainPid), "--all", "--root",
                    "--wd", "--setuid", ids.get()[0], "--setgid", ids.get()[1], "/bin/sh", "-c", check.command()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return Optional.of(check.describe() + " cannot run: nsenter: " + e.getMessage());
        }
        OutputTail output = new OutputTail(process.getInputStream());
        output.start();
        if (!process.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return Optional.of(check.describe() + " did not finish within " + TimeSpan.format(check.timeout()));
        }
        output.join(1000);
        int exit = process.exitValue();
        String said = output.text().strip();
        return exit == 0 ? Optional.empty() : Optional.of(check.describe() + " exited with " + exit
                + (said.isEmpty() ? "" : ": " + said.replace('\n', ' ')));
    }

    /**
     * The effective user and group IDs of process {@code pid} as this machine sees them (the second field of
     * {@code Uid:} and {@code Gid:} in {@code /proc/PID/status}), or empty if the process is gone.
     */
    static Optional<String[]> effectiveIds(long pid) {
        String uid = null;
        String gid = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                String[] fields = line.split("\\s+");
                if (fields.length >= 3 && fields[0].equals("Uid:")) {
                    uid = fields[2];
                } else if (fields.length >= 3 && fields[0].equals("Gid:")) {
                    gid = fields[2];
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return uid == null || gid == null ? Optional.empty() : Optional.of(new String[] {uid, gid});
    }

    /** Reads a process's output to its end, keeping the last {@link #OUTPUT_LIMIT} characters. */
    private static final class OutputTail extends Thread {

        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        OutputTail(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > OUTPUT_LIMIT) {
                            text.delete(0, text.length() - OUTPUT_LIMIT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended; what it said so far is kept
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
