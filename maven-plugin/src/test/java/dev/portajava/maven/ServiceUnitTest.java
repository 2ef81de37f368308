package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Words as systemd reads them back: quoted when they hold blanks or quotes, specifiers and variables left alone. */
class ServiceUnitTest {

    @Test
    void quoted_plainFlag_isLeftAsItIs() {
        assertEquals("-Xmx64m", ServiceUnit.quoted("-Xmx64m"));
    }

    @Test
    void quoted_flagWithBlanksAndQuotes_isQuotedAndEscaped() {
        assertEquals("\"-Dgreeting=say \\\"hi\\\"\"", ServiceUnit.quoted("-Dgreeting=say \"hi\""));
    }

    @Test
    void quoted_percentAndDollar_areDoubledSoSystemdDoesNotExpandThem() {
        assertEquals("-Dp=100%%$$HOME", ServiceUnit.quoted("-Dp=100%$HOME"));
    }

    @Test
    void assignment_environmentValue_keepsItsDollarAndDoublesItsPercent() {
        assertEquals("\"RATE=5%% of $X\"", ServiceUnit.assignment("RATE=5% of $X"));
    }
}
