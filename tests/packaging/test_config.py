"""IT's configuration: layers in order, every value checked, provisioning that writes only good settings."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from wvisit import config
from wvisit.cli import main
from wvisit.errors import ConfigError, InsecureCentral, InvalidValue
from wvisit.provision import provision
from wvisit.vault import recovery


def test_layers_apply_in_order_and_say_where_each_value_came_from(tmp_path, monkeypatch):
    (tmp_path / "machine-config.toml").write_text(
        'central_url = "https://central.example.org"\nidle_lock_minutes = 10\n'
    )
    (tmp_path / "user-config.toml").write_text("idle_lock_minutes = 7\nsync_interval_seconds = 60\n")
    monkeypatch.setenv("WVISIT_SYNC_INTERVAL_SECONDS", "30")
    settings = config.load({"log_level": "debug"})
    assert settings.central_url == "https://central.example.org"
    assert settings.sources["central_url"].endswith("machine-config.toml")
    assert (settings.idle_lock_minutes, settings.sources["idle_lock_minutes"]) == (
        7,
        str(tmp_path / "user-config.toml"),
    )
    assert (settings.sync_interval_seconds, settings.sources["sync_interval_seconds"]) == (30, "the environment")
    assert (settings.log_level, settings.sources["log_level"]) == ("DEBUG", "the command line")
    assert settings.sources["passcode_min_length"] == "built-in default"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("idle_lock_minutes = 0\n", ["idle_lock_minutes", "1 to 120"]),
        ("idle_lock_minute = 5\n", ["idle_lock_minute", "one of"]),
        ("idle_lock_minutes = = 5\n", ["valid TOML"]),
        ("kdf_cost = true\n", ["kdf_cost", "10 to 20"]),
    ],
)
def test_a_bad_machine_file_names_the_file_the_key_and_what_is_allowed(tmp_path, text, named):
    (tmp_path / "machine-config.toml").write_text(text)
    with pytest.raises(ConfigError) as refused:
        config.load()
    for words in [str(tmp_path / "machine-config.toml"), *named]:
        assert words in str(refused.value)


def test_the_app_does_not_start_half_configured(tmp_path, capsys):
    (tmp_path / "user-config.toml").write_text("passcode_min_length = 3\n")
    assert main(["child", "list"]) == 1
    assert "passcode_min_length" in capsys.readouterr().err


def test_provision_writes_the_machine_file_with_pinned_certificate_and_recovery_key(tmp_path):
    _, public_pem = recovery.generate_pair()
    (tmp_path / "recovery.pem").write_bytes(public_pem)
    cert = tmp_path / "ca.pem"
    cert.write_text(self_signed_pem())
    target = provision("https://central.example.org", cert, tmp_path / "recovery.pem", {"idle_lock_minutes": "3"})
    settings = config.load()
    assert target == tmp_path / "machine-config.toml"
    assert settings.central_url == "https://central.example.org" and settings.idle_lock_minutes == 3
    assert (tmp_path / "central-ca.pem").read_text() == cert.read_text()
    assert recovery.load_public((tmp_path / "recovery-public.pem").read_bytes())


@pytest.mark.parametrize(
    ("url", "cert", "error"),
    [
        ("http://central.example.org", None, InsecureCentral),
        ("https://central.example.org", "not a cert", InvalidValue),
    ],
)
def test_provision_writes_nothing_when_an_input_is_wrong(tmp_path, url, cert, error):
    path = None
    if cert:
        path = tmp_path / "bad.pem"
        path.write_text(cert)
    with pytest.raises(error):
        provision(url, path, None, {})
    assert not (tmp_path / "machine-config.toml").exists()


def test_config_show_lists_every_setting_and_its_source(capsys):
    assert main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == set(config.SETTINGS)
    assert shown["kdf_cost"] == {"value": 10, "from": "the environment"}


def self_signed_pem() -> str:
    """A real self-signed certificate, made for this test (CN=wvisit-test)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "wvisit-test")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def test_wipe_destroys_the_key_and_the_records(cli_env, data_dir, memory_keyring, capsys):
    assert main(["init"]) == 0
    assert main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"]) == 0
    assert main(["wipe"]) == 1 and (data_dir / "wvisit.db").exists()  # not without --confirm
    assert main(["wipe", "--confirm"]) == 0
    assert not list(data_dir.glob("wvisit.db*")) and not (data_dir / "vault.json").exists()
    assert memory_keyring.secrets == {}


def test_the_deployment_guide_documents_every_setting():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "DEPLOYMENT.md").read_text()
    assert [key for key in config.SETTINGS if f"`{key}`" not in guide] == []
