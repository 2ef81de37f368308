package dev.portajava.cli;

import dev.portajava.ddi.ImageVerifier;
import dev.portajava.ddi.SignatureCheck;
import dev.portajava.ddi.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

final class VerifyCommand implements Command {

    static final Positional<Path> IMAGE = Positional.one("IMAGE", ValueType.PATH, "The image file.");
    static final Option<Path> CERT = Option.value("--cert", "CERT.pem", ValueType.PATH,
            "Require a signature made with the key of this PEM certificate.");

    private static final CommandModel MODEL = CommandModel.of("verify",
            "Checks a verity image without device-mapper.",
            "The image is a ddi, or a raw squashfs with NAME.verity and NAME.roothash beside it. Every data block"
                + " is checked against the hash tree, the tree against the root hash, the root hash against the"
                + " partition UUIDs and the signature. The signature is checked against --cert; without it, against"
                + " the certificate the signature carries, which shows the image intact but not who signed it.",
            "On damage, a bad block or a signature that does not verify, it fails (exit 1). With --json it prints"
                + " a JSON document also when it fails.")
            .positionals(IMAGE).options(CERT, JsonOption.JSON)
            .footer("Example", "  portajava verify hello_1.0.raw --cert cert.pem");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws Exception {
        PrintWriter out = invocation.out();
        Path image = invocation.value(IMAGE);
        boolean json = invocation.has(JsonOption.JSON);
        Verification verification;
        try {
            verification = ImageVerifier.verify(image, Optional.ofNullable(invocation.value(CERT)));
        } catch (Exception e) {
            if (json) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("image", image.toString());
                failure.put("verified", false);
                failure.put("error", ErrorHandler.message(e));
                failure.put("exitCode", ExitStatus.of(e).code());
                JsonOption.print(out, failure);
            }
            throw e;
        }
        SignatureCheck signature = verification.signature();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", verification.image().toString());
            result.put("verified", true);
            result.put("layout", verification.layout());
            result.put("rootHash", verification.rootHash().hex());
            result.put("dataBlocks", verification.dataBlocks());
            result.put("signed", signature.signed());
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("status", signature.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            signature.signer().ifPresent(subject -> check.put("signer", subject));
            signature.certificateFingerprint().ifPresent(sha256 -> check.put("certificateFingerprint", sha256));
            result.put("signature", check);
            JsonOption.print(out, result);
        } else {
            out.println(verification.image() + ": OK (" + verification.layout() + ", " + verification.dataBlocks()
                    + " data blocks verified)");
            out.println("roothash " + verification.rootHash().hex());
            out.println(describe(signature));
        }
        return ExitStatus.OK.code();
    }

    private static String describe(SignatureCheck signature) {
        return switch (signature.status()) {
            case TRUSTED -> "signature OK, signed by " + signature.signer().orElseThrow();
            case INTACT -> "signed by " + signature.signer().orElseThrow() + " (certificate SHA-256 "
                    + signature.certificateFingerprint().orElseThrow()
                    + "): the signature is intact, the signer is not checked (no --cert)";
            case NOT_CHECKED -> "signed, signature not checked (no --cert, and the signature carries no certificate)";
            case UNSIGNED -> "not signed";
        };
    }
}
