package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceUnitTextTest {

    @Test
    void commandLine_quotesEveryWord_andKeepsSystemdFromExpandingVariablesAndSpecifiers() {
        assertEquals("\"/bin/sh\" \"-c\" \"echo $$HOME 100%% \\\"quoted\\\" back\\\\slash\" \"\" \"semi;colon\"",
                ServiceUnitText.commandLine(List.of("/bin/sh", "-c", "echo $HOME 100% \"quoted\" back\\slash", "",
                        "semi;colon")));
    }

    @Test
    void commandLine_writesControlCharactersAsEscapes() {
        assertEquals("\"a\\nb\\tc\\x01\"", ServiceUnitText.commandLine(List.of("a\nb\tc\u0001")));
    }

    @Test
    void assignment_doublesSpecifiers_butNotDollars_whichEnvironmentDoesNotExpand() {
        assertEquals("\"ODD=dollar $HOME, percent %%n, quote \\\" and backslash \\\\\"",
                ServiceUnitText.assignment("ODD=dollar $HOME, percent %n, quote \" and backslash \\"));
    }
}
