"""The central record serves HTTPS itself (`serve --tls-cert --tls-key`), refuses plain HTTP on anything but
this computer unless a TLS proxy is in front, and shows its API map (/docs) only when asked."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import make_child
from tests.sync.central_server import DEMO_PASSWORD, CentralServer, free_port
from wvisit.errors import CentralUnreachable
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine


def self_signed(folder) -> tuple[str, str]:
    """A certificate for 127.0.0.1 signed by its own key, as IT's test CA would be; (cert file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "wvisit central test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "central-cert.pem", folder / "central-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_file), str(key_file)


@pytest.fixture
def tls_central(tmp_path):
    cert, key = self_signed(tmp_path)
    server = CentralServer(
        tmp_path, serve_args=("--tls-cert", cert, "--tls-key", key), ca_cert=tmp_path / "central-cert.pem"
    )
    server.start()
    yield server, cert
    server.close()


def test_the_laptop_syncs_over_https_pinned_to_the_councils_certificate(tls_central, store):
    server, cert = tls_central
    assert server.url.startswith("https://")
    child = make_child(store, "Ivy Example")
    client = CentralClient(server.url, ca_cert=cert, timeout=10)
    engine = SyncEngine(store, client)
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    report = engine.sync()
    client.close()
    assert report.complete and report.pushed == 1 and report.pulled > 0  # the demo caseload came down
    assert child.id in server.records()

    stranger = CentralClient(server.url, timeout=10)  # the system's CAs do not vouch for it
    with pytest.raises(CentralUnreachable):
        stranger.pull(0, 1)
    stranger.close()
    with pytest.raises(httpx.HTTPError):  # and plain HTTP on the same port gets nothing
        httpx.get(f"http://127.0.0.1:{server.port}/v1/pull", timeout=5)


def test_the_api_map_is_served_only_when_asked(tls_central, tmp_path):
    server, _ = tls_central
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert httpx.get(f"{server.url}{path}", verify=server.verify).status_code == 404
    (tmp_path / "docs").mkdir()
    documented = CentralServer(tmp_path / "docs", serve_args=("--docs",))
    documented.start()
    try:
        assert httpx.get(f"{documented.url}/openapi.json").json()["info"]["title"] == "wvisit central record"
        assert httpx.get(f"{documented.url}/docs").status_code == 200
    finally:
        documented.close()


def serve(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wvisit.central.cli", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_plain_http_on_the_network_is_refused_with_the_reason(tmp_path):
    port = str(free_port())
    answer = serve(tmp_path, "--host", "0.0.0.0", "--port", port)
    assert answer.returncode != 0
    assert "refusing to serve plain HTTP on 0.0.0.0" in answer.stderr and "--tls-cert" in answer.stderr
    with pytest.raises(httpx.ConnectError):  # it never listened
        httpx.get(f"http://127.0.0.1:{port}/v1/pull", timeout=2)
    assert serve(tmp_path, "--tls-cert", str(tmp_path / "missing.pem")).returncode != 0  # half a pair


def test_plain_http_on_the_network_is_allowed_behind_a_tls_proxy(tmp_path):
    server = CentralServer(tmp_path, serve_args=("--host", "0.0.0.0", "--behind-tls-proxy"))
    server.start()
    try:
        assert httpx.get(f"{server.url}/v1/pull").status_code == 401
    finally:
        server.close()
