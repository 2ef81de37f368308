package dev.portajava.ddi.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** An independent judge (veritysetup, sfdisk, openssl…) run as a process; its absence skips, or fails under CI. */
record ExternalTool(String name) {

    ExternalTool {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tool needs a name");
        }
    }

    /** The outcome of one run. */
    record Run(int exitCode, String output) {
    }

    void require() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return;
            }
        }
        String why = name + " is not installed (scripts/provision.sh installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    Run run(String... args) throws IOException, InterruptedException {
        require();
        List<String> command = new java.util.ArrayList<>(List.of(name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(name + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }

    String check(String... args) throws IOException, InterruptedException {
        Run run = run(args);
        if (run.exitCode() != 0) {
            fail(name + " " + String.join(" ", args) + " exited " + run.exitCode() + ": " + run.output());
        }
        return run.output();
    }
}
