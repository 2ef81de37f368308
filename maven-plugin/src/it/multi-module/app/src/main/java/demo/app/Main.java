package demo.app;

import demo.library.Greeting;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println(Greeting.of("app"));
    }
}
