package dev.portajava.builder;

/** Progress of a build, for a listener to show: which step runs, and what it did. */
public record BuildEvent(String step, String message) {
}
