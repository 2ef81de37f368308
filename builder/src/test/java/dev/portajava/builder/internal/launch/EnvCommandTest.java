package dev.portajava.builder.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvCommandTest {

    @Test
    void program_isTheWholeArgument_asTheKernelPassesOneArgument() {
        assertEquals(Optional.of("python3"), EnvCommand.program(Optional.of("python3")));
        assertEquals(Optional.of("python3 -u"), EnvCommand.program(Optional.of("python3 -u")));
    }

    @Test
    void program_withSplitString_isTheFirstWordAfterAssignments() {
        assertEquals(Optional.of("python3"), EnvCommand.program(Optional.of("-S python3 -u")));
        assertEquals(Optional.of("node"), EnvCommand.program(Optional.of("-S NODE_ENV=production node --x")));
        assertEquals(Optional.of("perl"), EnvCommand.program(Optional.of("--split-string=perl -w")));
    }

    @Test
    void program_cannotBeToldFromOtherOptionsOrAssignments() {
        assertEquals(Optional.empty(), EnvCommand.program(Optional.empty()));
        assertEquals(Optional.empty(), EnvCommand.program(Optional.of("-i python3")));
        assertEquals(Optional.empty(), EnvCommand.program(Optional.of("FOO=bar python3")));
        assertEquals(Optional.empty(), EnvCommand.program(Optional.of("-S -i python3")));
    }
}
