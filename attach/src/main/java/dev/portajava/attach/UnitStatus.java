package dev.portajava.attach;

/** The state of a unit after portajava started or stopped it. */
public record UnitStatus(String unit, String activeState, String subState, String result) {

    public boolean failed() {
        return activeState.equals("failed") || (!result.isEmpty() && !result.equals("success"));
    }
}
