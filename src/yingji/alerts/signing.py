"""XML-DSig for CAP: our published documents are signed (enveloped, RSA-SHA256, exclusive C14N, signxml), and
signatures on incoming documents are verified.

Key and certificate (PEM) come from YINGJI_CAP_SIGNING_KEY / YINGJI_CAP_SIGNING_CERT. When neither is set, a demo
key and self-signed certificate are generated once under YINGJI_VAR_DIR/cap-signing/ and kept there. The
certificate is public at /cap/certificate.pem. Incoming signatures are checked with the certificate they carry;
the signer is trusted when that certificate is ours or listed in YINGJI_CAP_TRUSTED_CERTS (PEM files, separated
by the path separator).
"""

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from lxml import etree
from signxml import CanonicalizationMethod, DigestAlgorithm, SignatureMethod, XMLSigner, XMLVerifier
from signxml.exceptions import InvalidInput, InvalidSignature

from . import config

log = logging.getLogger(__name__)
DS = "http://www.w3.org/2000/09/xmldsig#"


@dataclass(frozen=True)
class Credentials:
    key_pem: bytes
    cert_pem: bytes


@dataclass(frozen=True)
class Verdict:
    status: str  # valid / invalid / unsigned (models.SignatureStatus)
    signer: str = ""  # the certificate's subject
    trusted: bool = False


def _demo_folder() -> Path:
    return Path(settings.VAR_DIR) / "cap-signing"


def _generate(folder: Path) -> None:
    """A 2048-bit RSA key and a self-signed certificate valid ten years, written atomically (several processes
    may start at once: the first rename wins, the others use its files)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, config.sender_name()),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{config.sender_name()} CAP ({config.sender_code()})")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".cap-signing-", dir=folder.parent))
    (staging / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                        serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    (staging / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    os.chmod(staging / "key.pem", 0o600)
    try:
        staging.rename(folder)
        log.warning("CAP signing: generated a demo key and self-signed certificate in %s", folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


@lru_cache(maxsize=1)
def credentials() -> Credentials:
    key_path, cert_path = os.environ.get("YINGJI_CAP_SIGNING_KEY"), os.environ.get("YINGJI_CAP_SIGNING_CERT")
    if key_path and cert_path:
        return Credentials(Path(key_path).read_bytes(), Path(cert_path).read_bytes())
    folder = _demo_folder()
    if not (folder / "cert.pem").exists():
        _generate(folder)
    return Credentials((folder / "key.pem").read_bytes(), (folder / "cert.pem").read_bytes())


def certificate_pem() -> bytes:
    return credentials().cert_pem


def sign(document: bytes) -> bytes:
    """The document with an enveloped ds:Signature as the last child of its root (where CAP 1.2 allows it)."""
    root = etree.fromstring(document, etree.XMLParser(resolve_entities=False, no_network=True))
    signer = XMLSigner(signature_algorithm=SignatureMethod.RSA_SHA256, digest_algorithm=DigestAlgorithm.SHA256,
                       c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0)
    creds = credentials()
    signed = signer.sign(root, key=creds.key_pem, cert=creds.cert_pem.decode())
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def _pem(base64_text: str) -> str:
    body = "".join(base64_text.split())
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


@lru_cache(maxsize=1)
def _trusted_fingerprints() -> frozenset[bytes]:
    pems = [certificate_pem()]
    for path in filter(None, os.environ.get("YINGJI_CAP_TRUSTED_CERTS", "").split(os.pathsep)):
        pems.append(Path(path).read_bytes())
    prints = set()
    for pem in pems:
        prints.update(cert.fingerprint(hashes.SHA256()) for cert in x509.load_pem_x509_certificates(pem))
    return frozenset(prints)


def verify(alert: etree._Element) -> Verdict:
    """Check the enveloped signature of one CAP alert (before any upgrade or unwrapping changed it)."""
    if alert.find(f"{{{DS}}}Signature") is None:
        return Verdict("unsigned")
    certificates = [_pem(e.text or "") for e in alert.iter(f"{{{DS}}}X509Certificate")]
    if not certificates:
        return Verdict("invalid", signer="")
    try:
        cert = x509.load_pem_x509_certificate(certificates[0].encode())
    except ValueError:
        return Verdict("invalid")
    signer = cert.subject.rfc4514_string()[:300]
    document = etree.tostring(alert)
    try:
        XMLVerifier().verify(document, x509_cert=cert)
    except (InvalidSignature, InvalidInput, ValueError) as exc:
        log.info("CAP signature did not verify: %s", exc)
        return Verdict("invalid", signer=signer)
    return Verdict("valid", signer=signer, trusted=cert.fingerprint(hashes.SHA256()) in _trusted_fingerprints())
