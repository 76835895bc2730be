#!/usr/bin/python3
"""mkcert_dates.py CERT KEY FROM_DAYS TO_DAYS: a self-signed P-256
certificate for CN=localhost (SAN localhost, 127.0.0.1) valid from
FROM_DAYS to TO_DAYS relative to now (negative: in the past), for the
expired and not-yet-valid tests; openssl req cannot back-date one."""
import datetime
import ipaddress
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def main():
    cert_path, key_path, lo, hi = sys.argv[1:5]
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    san = x509.SubjectAlternativeName([
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + datetime.timedelta(days=int(lo)))
            .not_valid_after(now + datetime.timedelta(days=int(hi)))
            .add_extension(san, critical=False)
            .sign(key, hashes.SHA256()))
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


main()
