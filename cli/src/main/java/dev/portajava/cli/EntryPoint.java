package dev.portajava.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the JVM starts portajava. {@code --version} alone is answered here, without loading the command models
 * or anything they use (this class refers to nothing else); every other command line goes to {@link Main}.
 */
public final class EntryPoint {

    private EntryPoint() {
    }

    public static void main(String[] args) {
        if (BuildVersion.only(args)) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println(BuildVersion.line());
            return;
        }
        Main.main(args);
    }
}
