package dev.portajava.cli;

/**
 * The version of this build, as {@code --version} prints it: the project's version, written into this class when it
 * is compiled (this file is a template of Maven's resource filtering, see cli's pom). Read from the jar's manifest
 * ({@code Package.getImplementationVersion}), it cost each {@code --version} 14 ms: the boot class path, where the
 * package puts the jars, defines a class's package by reading its jar's manifest.
 */
final class BuildVersion {

    private static final String VERSION = "${project.version}";

    private BuildVersion() {
    }

    /** {@code portajava VERSION}. */
    static String line() {
        // concat, not +: javac makes + an invokedynamic, whose bootstrap loads a hundred classes
        return "portajava ".concat(VERSION);
    }

    /** True if {@code args} ask for the version and nothing else. */
    static boolean only(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
