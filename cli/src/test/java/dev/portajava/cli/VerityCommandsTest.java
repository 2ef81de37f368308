package dev.portajava.cli;

import static dev.portajava.cli.TestSpecs.HELLO;
import static dev.portajava.cli.TestSpecs.HELLO_UNIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --format ddi}, its key options and {@code verify}, through the real command line. */
class VerityCommandsTest {

    @TempDir
    Path temp;

    private final FakeHost host = new FakeHost();
    private Path spec;
    private Path outDir;

    @BeforeEach
    void directories() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        outDir = Files.createDirectory(temp.resolve("out"));
        Files.writeString(spec.resolve("hello.service"), HELLO_UNIT);
        Files.writeString(spec.resolve("portable.toml"), HELLO);
    }

    @Test
    void build_ddiWithKey_printsShaAndRootHashAndVerifyAcceptsIt() throws Exception {
        List<Path> pair = keyPair("rsa:2048");
        Path image = outDir.resolve("hello_1.0.raw");
        Cli build = Cli.run(host, "build", spec.toString(), "-o", image.toString(), "--format", "ddi", "--key",
                pair.get(0).toString(), "--cert", pair.get(1).toString(), "--verity-sidecar");
        assertEquals(0, build.code(), build.err());
        assertTrue(build.out().contains("sha256 "), build.out());
        String rootHash = build.out().lines().filter(l -> l.startsWith("roothash ")).findFirst().orElseThrow().substring(9);
        assertEquals(rootHash, Files.readString(outDir.resolve("hello_1.0.roothash")));
        assertTrue(Files.isRegularFile(outDir.resolve("hello_1.0.roothash.p7s")));

        Cli verify = Cli.run(host, "verify", image.toString(), "--cert", pair.get(1).toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("roothash " + rootHash), verify.out());
        assertTrue(verify.out().contains("signature OK, signed by CN=portajava"), verify.out());
    }

    @Test
    void build_keyNotMatchingTheCertificate_exits2InOneLineAndWritesNothing() throws Exception {
        List<Path> first = keyPair("rsa:2048");
        Path other = Files.createDirectory(temp.resolve("other"));
        List<Path> second = keyPair(other, "rsa:2048");
        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(), "--format",
                "ddi", "--key", first.get(0).toString(), "--cert", second.get(1).toString());
        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("does not match the certificate"), cli.err());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_keyWithoutCert_isAUsageError() {
        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(), "--format",
                "ddi", "--key", temp.resolve("key.pem").toString());
        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("--key needs --cert"), cli.err());
    }

    @Test
    void build_unknownArchitecture_isAUsageError() {
        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(), "--format",
                "ddi", "--arch", "mips");
        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("unknown architecture 'mips'"), cli.err());
    }

    @Test
    void verify_flippedByte_exits1NamingTheBlock() throws Exception {
        Path image = outDir.resolve("hello.raw");
        assertEquals(0, Cli.run(host, "build", spec.toString(), "-o", image.toString(), "--format", "ddi").code());
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.seek((1 << 20) + 10);
            int b = raf.read();
            raf.seek((1 << 20) + 10);
            raf.write(b ^ 1);
        }
        Cli cli = Cli.run(host, "verify", image.toString());
        assertEquals(1, cli.code());
        assertTrue(cli.errLine().contains("data block 0 (bytes 0-4095 of the root partition) does not match"), cli.err());
    }

    @Test
    void verify_signedWithoutCert_saysTheSignerIsNotChecked() throws Exception {
        List<Path> pair = keyPair("rsa:2048");
        Path image = buildSigned(pair);

        Cli cli = Cli.run(host, "verify", image.toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("signed by CN=portajava cli test (certificate SHA-256 "), cli.out());
        assertTrue(cli.out().contains("the signature is intact, the signer is not checked (no --cert)"), cli.out());
        assertFalse(cli.out().contains("signature OK"), cli.out());
    }

    @Test
    void verify_damagedSignatureWithoutCert_exits1AndSaysDamaged() throws Exception {
        Path image = buildSigned(keyPair("rsa:2048"));
        damageSignature(image);

        Cli cli = Cli.run(host, "verify", image.toString());

        assertEquals(1, cli.code(), cli.out());
        assertTrue(cli.errLine().contains("the signature is damaged"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void verify_damagedSignatureWithItsCert_exits1AndSaysDamagedNotAnotherKey() throws Exception {
        List<Path> pair = keyPair("rsa:2048");
        Path image = buildSigned(pair);
        damageSignature(image);

        Cli cli = Cli.run(host, "verify", image.toString(), "--cert", pair.get(1).toString());

        assertEquals(1, cli.code(), cli.out());
        String line = cli.errLine();
        assertTrue(line.contains("the signature by CN=portajava cli test is damaged"), line);
        assertFalse(line.contains("not made by"), line);
    }

    @Test
    void verify_jsonOnFailure_printsAJsonDocumentAndKeepsTheErrorAndExitCode() throws Exception {
        Path image = buildSigned(keyPair("rsa:2048"));
        damageSignature(image);

        Cli cli = Cli.run(host, "verify", image.toString(), "--json");

        assertEquals(1, cli.code());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals(image.toString(), json.get("image").asText());
        assertFalse(json.get("verified").asBoolean());
        assertEquals(1, json.get("exitCode").asInt());
        assertEquals(cli.errLine(), "portajava: " + json.get("error").asText());
    }

    @Test
    void verify_jsonOfAMissingImage_printsAJsonDocumentAndExits2() {
        Path image = outDir.resolve("none.raw");

        Cli cli = Cli.run(host, "verify", image.toString(), "--json");

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("no such image file"), cli.err());
        assertTrue(cli.out().contains("\"verified\" : false"), cli.out());
    }

    @Test
    void verify_json_tellsHowTheSignatureWasChecked() throws Exception {
        List<Path> pair = keyPair("rsa:2048");
        Path image = buildSigned(pair);

        JsonNode unchecked = new ObjectMapper().readTree(Cli.run(host, "verify", image.toString(), "--json").out());
        JsonNode trusted = new ObjectMapper().readTree(
                Cli.run(host, "verify", image.toString(), "--json", "--cert", pair.get(1).toString()).out());

        assertTrue(unchecked.get("verified").asBoolean());
        assertEquals("intact", unchecked.get("signature").get("status").asText());
        assertEquals("trusted", trusted.get("signature").get("status").asText());
        assertEquals("CN=portajava cli test", trusted.get("signature").get("signer").asText());
    }

    private Path buildSigned(List<Path> pair) {
        Path image = outDir.resolve("hello_1.0.raw");
        Cli build = Cli.run(host, "build", spec.toString(), "-o", image.toString(), "--format", "ddi", "--key",
                pair.get(0).toString(), "--cert", pair.get(1).toString());
        assertEquals(0, build.code(), build.err());
        return image;
    }

    /** Flips the last bit of the PKCS#7 in the signature partition: the signature value, still well-formed. */
    private static void damageSignature(Path image) throws IOException {
        byte[] disk = Files.readAllBytes(image);
        String text = new String(disk, StandardCharsets.ISO_8859_1);
        int from = text.indexOf("\"signature\":\"") + 13;
        int to = text.indexOf('"', from);
        byte[] der = Base64.getDecoder().decode(text.substring(from, to));
        der[der.length - 1] ^= 1;
        byte[] encoded = Base64.getEncoder().encode(der);
        System.arraycopy(encoded, 0, disk, from, encoded.length);
        Files.write(image, disk);
    }

    private List<Path> keyPair(String algorithm) throws Exception {
        return keyPair(temp, algorithm);
    }

    private static List<Path> keyPair(Path dir, String algorithm) throws Exception {
        if (Files.notExists(Path.of("/usr/bin/openssl"))) { // scripts/provision.sh installs it
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"), "openssl is not installed");
            Assumptions.abort("openssl is not installed");
        }
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process process = new ProcessBuilder("openssl", "req", "-x509", "-nodes", "-newkey", algorithm, "-days", "30",
                "-subj", "/CN=portajava cli test", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, "openssl req failed");
        return List.of(key, cert);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
