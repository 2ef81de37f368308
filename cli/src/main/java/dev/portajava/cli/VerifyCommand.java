package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.ddi.ImageVerifier;
import dev.portajava.ddi.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a verity image without device-mapper: a ddi, or a raw squashfs with NAME.verity and",
            "NAME.roothash beside it. Every data block is checked against the hash tree, the tree against the root",
            "hash, the root hash against the partition UUIDs and the signature; with --cert, the signature against",
            "the certificate. On damage it names the first bad data block and fails (exit 1)."},
        footer = {"", "Example:", "  portajava verify hello_1.0.raw --cert cert.pem"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file.")
    Path image;

    @Option(names = "--cert", paramLabel = "CERT.pem",
            description = "Require a signature made with the key of this PEM certificate.")
    Path cert;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        Verification verification = ImageVerifier.verify(image, Optional.ofNullable(cert));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", verification.image().toString());
            result.put("layout", verification.layout());
            result.put("rootHash", verification.rootHash().hex());
            result.put("dataBlocks", verification.dataBlocks());
            result.put("signed", verification.signaturePresent());
            verification.signedBy().ifPresent(subject -> result.put("signedBy", subject));
            JsonOption.print(out, result);
        } else {
            out.println(verification.image() + ": OK (" + verification.layout() + ", " + verification.dataBlocks()
                    + " data blocks verified)");
            out.println("roothash " + verification.rootHash().hex());
            if (verification.signedBy().isPresent()) {
                out.println("signature OK, signed by " + verification.signedBy().get());
            } else if (verification.signaturePresent()) {
                out.println("signed (give --cert to check the signature)");
            } else {
                out.println("not signed");
            }
        }
        return 0;
    }
}
