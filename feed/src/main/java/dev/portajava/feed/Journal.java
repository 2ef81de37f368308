package dev.portajava.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last lines the journal holds for a unit, for saying why it failed; empty when journalctl cannot tell. */
final class Journal {

    private Journal() {
    }

    static String lastLines(String unit, int lines) {
        try {
            Process journalctl = new ProcessBuilder("journalctl", "--no-pager", "--quiet", "-o", "cat", "-n",
                    Integer.toString(lines), "-u", unit).redirectErrorStream(true).start();
            String out = new String(journalctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!journalctl.waitFor(30, TimeUnit.SECONDS)) {
                journalctl.destroyForcibly();
                return "";
            }
            return out.strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
