package dev.portajava.squashfs;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The reader against arbitrary bytes. In a normal test run Jazzer replays the corpus in
 * {@code src/test/resources/dev/portajava/squashfs/SquashfsImageFuzzTestInputs/read_anyBytes_isReadOrCorrupt/}
 * (small images of every compressor, with and without xattrs, and inputs found while fuzzing);
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=SquashfsImageFuzzTest} fuzzes for real.
 */
class SquashfsImageFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void read_anyBytes_isReadOrCorrupt(byte[] data) {
        try {
            ImageChecks.readAll(data);
        } catch (CorruptImageException expected) {
            // a clear one-line error is the right answer to a damaged image
        }
    }
}
