package dev.portajava.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the JVM starts portajava. {@code --version} alone is answered here, without loading picocli, the commands
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
        // before the first reflective call reads it: reflection calls a constructor natively its first 15 times,
        // then generates a class for it; picocli makes one annotation proxy a constructor call for each option it
        // reads, so each run would pass that count and generate accessor classes just before it exits
        System.setProperty("sun.reflect.inflationThreshold", "1000000");
        Main.main(args);
    }
}
