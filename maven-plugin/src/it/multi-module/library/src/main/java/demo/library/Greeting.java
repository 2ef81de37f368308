package demo.library;

public final class Greeting {

    private Greeting() {
    }

    public static String of(String name) {
        return "greeting from the library module, " + name;
    }
}
