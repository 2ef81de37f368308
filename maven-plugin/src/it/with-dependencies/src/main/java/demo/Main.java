package demo;

import org.slf4j.LoggerFactory;

public final class Main {
    public static void main(String[] args) {
        LoggerFactory.getLogger(Main.class).info("started");
        System.out.println(System.getenv("GREETING") + " from " + System.getenv("STATE_DIRECTORY"));
    }
}
