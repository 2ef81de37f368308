package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * dm-verity enforced for real: {@code scripts/vm-verity.sh} boots Debian's kernel and systemd 252 in qemu, attaches
 * a portajava ddi, checks that the service's root is a dm-verity device with the image's root hash, and that one
 * flipped byte makes the service fail with a kernel verity error. Slow (minutes under software emulation) and it
 * needs the Debian archive, so it runs only with {@code mvn verify -Pvm}.
 */
class VmVerityIT {

    @Test
    void vmVerityScript_inAVmWithDeviceMapper_enforcesVerity() throws Exception {
        Path script = Path.of(System.getProperty("portajava.scripts", "../scripts"), "vm-verity.sh").toAbsolutePath();
        Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.MINUTES), "vm-verity.sh did not finish");
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("guest PASS: ddi: service root is dm-verity device"), output);
        assertTrue(output.contains("guest PASS: tampered ddi: kernel log:"), output);
        assertTrue(output.contains("PASS: overall"), output);
    }
}
