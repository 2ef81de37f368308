package dev.portajava.ddi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;

/**
 * Checks the detached PKCS#7 signature of a root hash, as systemd does: every signer's signature over the hex root
 * hash must verify. Given a certificate, the signature must have been made with its key; without one, it is
 * checked with the certificate it carries, which shows it intact but not who made it. A signature that does not
 * verify is damaged, whoever made it.
 */
final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * @param pkcs7 the signature, if the image has one
     * @param namedFingerprint the certificate the signature partition names (ddi only)
     * @param trusted the certificate the user gave
     */
    static SignatureCheck check(Path image, RootHash rootHash, Optional<byte[]> pkcs7, Optional<String> namedFingerprint,
            Optional<X509CertificateHolder> trusted) throws DamagedImageException {
        if (pkcs7.isEmpty()) {
            if (trusted.isPresent()) {
                throw new DamagedImageException(image, "not signed, but a certificate was given");
            }
            return SignatureCheck.unsigned();
        }
        CMSSignedData signed;
        Collection<SignerInformation> signers;
        try {
            signed = new CMSSignedData(
                    new CMSProcessableByteArray(rootHash.hex().getBytes(StandardCharsets.US_ASCII)), pkcs7.get());
            signers = signed.getSignerInfos().getSigners();
        } catch (CMSException | RuntimeException e) {
            throw new DamagedImageException(image, "the signature is damaged: it is not a PKCS#7 signature");
        }
        if (signers.isEmpty()) {
            throw new DamagedImageException(image, "the signature is damaged: it names no signer");
        }
        if (trusted.isPresent()) {
            return checkWith(image, rootHash, signed, signers, namedFingerprint, trusted.get());
        }
        X509CertificateHolder first = null;
        for (SignerInformation signer : signers) {
            Optional<X509CertificateHolder> carried = carried(signed, signer);
            if (carried.isEmpty()) {
                return SignatureCheck.notChecked();
            }
            if (!verifies(signer, carried.get())) {
                throw new DamagedImageException(image, "the signature is damaged: it does not verify for root hash "
                        + rootHash + " with the certificate it carries, " + carried.get().getSubject());
            }
            first = first == null ? carried.get() : first;
        }
        return verified(image, SignatureCheck.Status.INTACT, first, namedFingerprint);
    }

    private static SignatureCheck checkWith(Path image, RootHash rootHash, CMSSignedData signed,
            Collection<SignerInformation> signers, Optional<String> namedFingerprint, X509CertificateHolder trusted)
            throws DamagedImageException {
        Optional<SignerInformation> byTrusted = signers.stream().filter(s -> s.getSID().match(trusted)).findFirst();
        if (byTrusted.isEmpty()) {
            SignerInformation other = signers.iterator().next();
            String who = carried(signed, other).map(c -> c.getSubject().toString())
                    .or(() -> namedFingerprint.map(f -> "the certificate with SHA-256 fingerprint " + f))
                    .orElse("a certificate the signature does not carry");
            throw new DamagedImageException(image, "the signature was made by another key, " + who + ", not by "
                    + trusted.getSubject());
        }
        if (!verifies(byTrusted.get(), trusted)) {
            throw new DamagedImageException(image, "the signature by " + trusted.getSubject()
                    + " is damaged: it does not verify for root hash " + rootHash);
        }
        return verified(image, SignatureCheck.Status.TRUSTED, trusted, namedFingerprint);
    }

    private static SignatureCheck verified(Path image, SignatureCheck.Status status, X509CertificateHolder certificate,
            Optional<String> namedFingerprint) throws DamagedImageException {
        String fingerprint = SigningKey.fingerprint(certificate);
        if (namedFingerprint.isPresent() && !namedFingerprint.get().equals(fingerprint)) {
            throw new DamagedImageException(image, "the signature partition is damaged: it names the certificate"
                    + " with SHA-256 fingerprint " + namedFingerprint.get() + ", but " + certificate.getSubject()
                    + " (" + fingerprint + ") made the signature");
        }
        return new SignatureCheck(status, Optional.of(certificate.getSubject().toString()), Optional.of(fingerprint));
    }

    /** The certificate of {@code signer} that the signature carries, if it carries it. */
    @SuppressWarnings("unchecked")
    private static Optional<X509CertificateHolder> carried(CMSSignedData signed, SignerInformation signer) {
        try {
            Collection<X509CertificateHolder> matches =
                    signed.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
            return matches.stream().findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code signer}'s signature verifies with {@code certificate}; a malformed one does not. */
    private static boolean verifies(SignerInformation signer, X509CertificateHolder certificate) {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException
                | RuntimeException e) {
            return false;
        }
    }
}
