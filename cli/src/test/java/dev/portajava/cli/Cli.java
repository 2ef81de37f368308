package dev.portajava.cli;

import dev.portajava.attach.BusUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the real command line and keeps what it printed. */
record Cli(int code, String out, String err) {

    /** Runs {@code args} against {@code host}, with only {@code variables} in the environment. */
    static Cli run(FakeHost host, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), new Environment(variables, host.factory()), args);
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(FakeHost host, String... args) {
        return run(host, Map.of(), args);
    }

    /**
     * Runs {@code args} with {@code host} as the calling user's bus ({@code --user}), where no system bus can be
     * reached.
     */
    static Cli runOnUserBus(FakeHost host, String... args) {
        return runOnUserBus(host, Map.of("HOME", "/nonexistent/home/alice", "XDG_RUNTIME_DIR",
                "/nonexistent/run/user/1000"), args);
    }

    /** The same, for the user whose home and runtime directory {@code variables} name. */
    static Cli runOnUserBus(FakeHost host, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(variables, () -> {
            throw new BusUnavailableException("cannot connect to the system bus at unix:path=/nowhere");
        }, host.factory());
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Runs {@code args} where no system bus can be reached. */
    static Cli runWithoutBus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(Map.of(), () -> {
            throw new BusUnavailableException("cannot connect to the system bus at unix:path=/nowhere");
        });
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Standard error is exactly one line. */
    String errLine() {
        org.junit.jupiter.api.Assertions.assertEquals(1, err.lines().count(), "one line on stderr: " + err);
        return err.strip();
    }
}
