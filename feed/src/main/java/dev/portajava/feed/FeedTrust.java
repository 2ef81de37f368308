package dev.portajava.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The public keys a machine trusts feeds from: a file given with {@code --key}, or every key in
 * {@code /etc/portajava/keys/} (binary, as {@code gpg --export} writes it, or armored).
 */
public final class FeedTrust {

    /** Where a machine keeps the keys of the feeds it trusts, relative to its root. */
    public static final Path KEYS = Path.of("etc/portajava/keys");

    private final List<PGPPublicKeyRingCollection> keys;

    private FeedTrust(List<PGPPublicKeyRingCollection> keys) {
        this.keys = keys;
    }

    /** The keys in {@code files}; none is refused, as a feed could not be checked. */
    public static FeedTrust of(List<Path> files) throws FeedVerificationException {
        if (files.isEmpty()) {
            throw new FeedVerificationException("no key to check the feed's signature with: give --key, or put the"
                    + " feed's public key into /" + KEYS + "/");
        }
        List<PGPPublicKeyRingCollection> keys = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                keys.add(new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()));
            } catch (IOException | PGPException | RuntimeException e) {
                throw new FeedVerificationException(file + ": not an OpenPGP public key (" + e.getMessage() + ")", e);
            }
        }
        return new FeedTrust(keys);
    }

    /** The keys of a machine whose root is {@code root}: the files in its {@link #KEYS} directory. */
    public static FeedTrust configured(Path root) throws FeedVerificationException {
        Path directory = root.resolve(KEYS);
        if (!Files.isDirectory(directory)) {
            return of(List.of());
        }
        try (var files = Files.list(directory)) {
            return of(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new FeedVerificationException(directory + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code signature} is a good signature of {@code data} by one of the trusted keys. */
    public void verify(byte[] data, byte[] signature, String what) throws FeedVerificationException {
        PGPSignatureList signatures;
        try {
            Object object = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(signature)))
                    .nextObject();
            if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
                throw new FeedVerificationException(what + ": the signature is not an OpenPGP signature");
            }
            signatures = list;
        } catch (IOException | RuntimeException e) {
            throw new FeedVerificationException(what + ": the signature is damaged (" + e.getMessage() + ")", e);
        }
        for (PGPSignature candidate : signatures) {
            PGPPublicKey key = key(candidate.getKeyID());
            if (key == null) {
                continue;
            }
            try {
                candidate.init(new BcPGPContentVerifierBuilderProvider(), key);
                candidate.update(data);
                if (candidate.verify()) {
                    return;
                }
            } catch (PGPException e) {
                throw new FeedVerificationException(what + ": cannot check the signature (" + e.getMessage() + ")", e);
            }
            throw new FeedVerificationException(what + ": BAD signature by key "
                    + Long.toHexString(candidate.getKeyID()).toUpperCase(java.util.Locale.ROOT)
                    + ": the file was changed after it was signed");
        }
        throw new FeedVerificationException(what + ": signed by no trusted key");
    }

    private PGPPublicKey key(long id) {
        for (PGPPublicKeyRingCollection collection : keys) {
            PGPPublicKey key = collection.getPublicKey(id);
            if (key != null) {
                return key;
            }
        }
        return null;
    }
}
