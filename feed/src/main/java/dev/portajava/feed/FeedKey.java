package dev.portajava.feed;

import dev.portajava.ddi.SigningKeyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * An OpenPGP secret key that signs a feed's {@code SHA256SUMS}: the detached, binary signature systemd's importers
 * ({@code importctl}, {@code machinectl pull-raw}, {@code systemd-sysupdate}) check with gpg as
 * {@code SHA256SUMS.gpg}.
 */
public final class FeedKey {

    private final Path file;
    private final PGPSecretKey key;
    private final PGPPrivateKey privateKey;

    private FeedKey(Path file, PGPSecretKey key, PGPPrivateKey privateKey) {
        this.file = file;
        this.key = key;
        this.privateKey = privateKey;
    }

    /**
     * The first signing key in {@code file}, an armored or binary secret key (as {@code gpg --export-secret-keys}
     * writes it), unlocked with {@code passphrase} when it is protected.
     */
    public static FeedKey read(Path file, Optional<char[]> passphrase) throws SigningKeyException {
        PGPSecretKeyRingCollection rings;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SigningKeyException(file, "not an OpenPGP secret key (" + e.getMessage() + ")", e);
        }
        for (PGPSecretKeyRing ring : rings) {
            for (PGPSecretKey candidate : ring) {
                if (candidate.isSigningKey() && !candidate.isPrivateKeyEmpty()) {
                    return new FeedKey(file, candidate, unlock(file, candidate, passphrase));
                }
            }
        }
        throw new SigningKeyException(file, "holds no OpenPGP secret key that can sign");
    }

    private static PGPPrivateKey unlock(Path file, PGPSecretKey key, Optional<char[]> passphrase)
            throws SigningKeyException {
        try {
            return key.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                    .build(passphrase.orElse(new char[0])));
        } catch (PGPException e) {
            throw new SigningKeyException(file, passphrase.isPresent() ? "the passphrase does not unlock the key"
                    : "the key is protected by a passphrase; give it in PORTAJAVA_KEY_PASSPHRASE", e);
        }
    }

    /**
     * Makes a new RSA signing key for {@code userId} ({@code Feed <feed@example.org>}): its armored secret key goes
     * to {@code secret} (protected by {@code passphrase} if given), its public key to {@code publicKeyRing}, in the
     * binary form systemd's import keyring ({@code /etc/systemd/import-pubring.gpg}) and {@code gpgv --keyring}
     * read. Neither file may exist.
     */
    public static void generate(Path secret, Path publicKeyRing, String userId, Optional<char[]> passphrase)
            throws IOException {
        try {
            RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
            generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 3072, 80));
            BcPGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(),
                    new Date());
            PBESecretKeyEncryptor encryptor = passphrase.map(p -> new BcPBESecretKeyEncryptorBuilder(
                    SymmetricKeyAlgorithmTags.AES_256).build(p)).orElse(null);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    encryptor);
            try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(secret, StandardOpenOption.CREATE_NEW));
                    OutputStream ring = Files.newOutputStream(publicKeyRing, StandardOpenOption.CREATE_NEW)) {
                rings.generateSecretKeyRing().encode(out);
                rings.generatePublicKeyRing().encode(ring);
            }
        } catch (PGPException e) {
            throw new IllegalStateException("cannot make an OpenPGP key", e);
        }
    }

    /** The key's fingerprint, in upper-case hex, as gpg shows it. */
    public String fingerprint() {
        return java.util.HexFormat.of().withUpperCase().formatHex(key.getPublicKey().getFingerprint());
    }

    /** A detached binary signature of {@code data}, made at {@code time}. */
    public byte[] sign(byte[] data, Instant time) throws SigningKeyException {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256));
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
            subpackets.setSignatureCreationTime(false, Date.from(time));
            subpackets.setIssuerFingerprint(false, key);
            generator.setHashedSubpackets(subpackets.generate());
            generator.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            generator.generate().encode(out);
            return out.toByteArray();
        } catch (PGPException | IOException e) {
            throw new SigningKeyException(file, "cannot sign with this key (" + e.getMessage() + ")", e);
        }
    }
}
