package dev.portajava.ddi;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A private key and its X.509 certificate, both PEM, that sign root hashes: a detached PKCS#7 (CMS) signature
 * without signed attributes, with the certificate included, as systemd and the kernel expect. RSA keys sign with
 * SHA-256 and PKCS#1 v1.5, EC keys with deterministic ECDSA (RFC 6979), so the same root hash always gives the same
 * signature and the image stays reproducible.
 */
public final class SigningKey {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PrivateKey key;
    private final X509CertificateHolder certificate;
    private final String algorithm;

    private SigningKey(PrivateKey key, X509CertificateHolder certificate, String algorithm) {
        this.key = key;
        this.certificate = certificate;
        this.algorithm = algorithm;
    }

    /** Reads and checks a key and certificate; every problem is one line naming the file. */
    public static SigningKey load(Path keyFile, Path certificateFile) throws SigningKeyException {
        X509CertificateHolder certificate = readCertificate(certificateFile);
        PrivateKey key = readKey(keyFile);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDDSA";
            default -> throw new SigningKeyException(keyFile,
                    "unsupported key type " + key.getAlgorithm() + "; use an RSA or EC key");
        };
        SigningKey signingKey = new SigningKey(key, certificate, algorithm);
        signingKey.checkPair(keyFile, certificateFile);
        return signingKey;
    }

    /** The detached PKCS#7 signature (DER) of {@code content}. */
    public byte[] sign(byte[] content) throws DiskImageException {
        try {
            ContentSigner signer = contentSigner();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(BOUNCY_CASTLE).build()).setDirectSignature(true).build(signer, certificate));
            generator.addCertificate(certificate);
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | IOException | GeneralSecurityException e) {
            throw new DiskImageException("cannot sign with " + certificate.getSubject() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A signer by {@link #algorithm} (deterministic ECDSA for EC keys), identified by the standard algorithm
     * identifier: the signature it makes is an ordinary SHA256withRSA or SHA256withECDSA signature.
     */
    private ContentSigner contentSigner() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, BOUNCY_CASTLE);
        signature.initSign(key);
        AlgorithmIdentifier identifier = new DefaultSignatureAlgorithmIdentifierFinder()
                .find(algorithm.replace("ECDDSA", "ECDSA"));
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    signature.update(bytes, offset, length);
                } catch (SignatureException e) {
                    throw new IOException(e);
                }
            }
        };
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return identifier;
            }

            @Override
            public OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signature.sign();
                } catch (SignatureException e) {
                    throw new IllegalStateException("signing failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /** The SHA-256 of the certificate's DER encoding, in hex. */
    public String certificateFingerprint() {
        return fingerprint(certificate);
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    static String fingerprint(X509CertificateHolder certificate) {
        try {
            return Sha256.hex(certificate.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate that was just read", e);
        }
    }

    /** Reads a PEM X.509 certificate. */
    public static X509CertificateHolder readCertificate(Path file) throws SigningKeyException {
        Object object = readPem(file, "certificate");
        if (!(object instanceof X509CertificateHolder certificate)) {
            throw new SigningKeyException(file, "not a PEM X.509 certificate (expected BEGIN CERTIFICATE)");
        }
        return certificate;
    }

    private static PrivateKey readKey(Path file) throws SigningKeyException {
        Object object = readPem(file, "key");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
        try {
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (PEMException e) {
            throw new SigningKeyException(file, "unsupported or damaged private key: " + e.getMessage(), e);
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new SigningKeyException(file, "the private key is encrypted; give an unencrypted PEM key");
        }
        throw new SigningKeyException(file, "not a PEM private key (expected BEGIN PRIVATE KEY)");
    }

    private static Object readPem(Path file, String what) throws SigningKeyException {
        if (!Files.isRegularFile(file)) {
            throw new SigningKeyException(file, "no such " + what + " file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new SigningKeyException(file, "no PEM " + what + " in the file");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            throw new SigningKeyException(file, "cannot read the " + what + ": " + e.getMessage(), e);
        }
    }

    private void checkPair(Path keyFile, Path certificateFile) throws SigningKeyException {
        byte[] probe = "portajava key check".getBytes(StandardCharsets.US_ASCII);
        try {
            X509Certificate x509 = new JcaX509CertificateConverter().getCertificate(certificate);
            Signature signer = Signature.getInstance(algorithm, BOUNCY_CASTLE);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BOUNCY_CASTLE);
            verifier.initVerify(x509.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (CertificateException e) {
            throw new SigningKeyException(certificateFile, "unsupported certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below
        }
        throw new SigningKeyException(keyFile, "the key does not match the certificate " + certificateFile);
    }
}
