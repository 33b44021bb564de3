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


IT_POLICY = (
    "passcode_min_length = 12\nkdf_cost = 16\nidle_lock_minutes = 5\n"
    'central_url = "https://central.example.org"\nrecovery_public_key = "/etc/wvisit/recovery-public.pem"\n'
)


def test_the_user_cannot_weaken_it_policy(tmp_path, monkeypatch):
    (tmp_path / "machine-config.toml").write_text(IT_POLICY)
    (tmp_path / "user-config.toml").write_text(
        'passcode_min_length = 6\nidle_lock_minutes = 60\ncentral_url = "https://elsewhere.example.org"\n'
        'central_ca_cert = "/home/me/my-ca.pem"\nrecovery_public_key = "/home/me/my-key.pem"\n'
    )
    monkeypatch.setenv("WVISIT_KDF_COST", "10")
    settings = config.load()
    machine = str(tmp_path / "machine-config.toml")
    assert settings.passcode_min_length == 12 and settings.kdf_cost == 16 and settings.idle_lock_minutes == 5
    assert settings.central_url == "https://central.example.org" and settings.central_ca_cert == ""
    assert settings.recovery_public_key == "/etc/wvisit/recovery-public.pem"
    assert settings.sources["kdf_cost"] == machine and settings.sources["central_ca_cert"] == "built-in default"
    assert settings.ignored["kdf_cost"] == ("the environment",)
    assert settings.ignored["central_ca_cert"] == (str(tmp_path / "user-config.toml"),)


def test_the_user_may_make_it_policy_stricter(tmp_path, monkeypatch):
    (tmp_path / "machine-config.toml").write_text(IT_POLICY)
    (tmp_path / "user-config.toml").write_text("passcode_min_length = 16\nidle_lock_minutes = 2\n")
    monkeypatch.setenv("WVISIT_KDF_COST", "18")
    settings = config.load()
    assert (settings.passcode_min_length, settings.kdf_cost, settings.idle_lock_minutes) == (16, 18, 2)
    assert settings.sources["idle_lock_minutes"] == str(tmp_path / "user-config.toml")
    assert settings.ignored == {}


def test_a_locked_setting_always_comes_from_it_even_when_the_user_repeats_it(tmp_path):
    (tmp_path / "machine-config.toml").write_text(IT_POLICY)
    (tmp_path / "user-config.toml").write_text('central_url = "https://central.example.org"\n')
    settings = config.load()
    assert settings.sources["central_url"] == str(tmp_path / "machine-config.toml")
    assert settings.policy["central_url"] is config.Rule.LOCKED


@pytest.mark.parametrize("never", ["0", '"never"'])
def test_an_idle_lock_of_never_does_not_beat_it_policy(tmp_path, never):
    (tmp_path / "machine-config.toml").write_text("idle_lock_minutes = 5\n")
    (tmp_path / "user-config.toml").write_text(f"idle_lock_minutes = {never}\n")
    with pytest.raises(ConfigError, match="idle_lock_minutes") as refused:
        config.load()
    assert str(tmp_path / "user-config.toml") in str(refused.value)


def test_without_it_policy_the_user_settings_apply(tmp_path):
    (tmp_path / "user-config.toml").write_text('passcode_min_length = 8\ncentral_url = "https://c.example.org"\n')
    settings = config.load()
    assert (settings.passcode_min_length, settings.central_url) == (8, "https://c.example.org")


def test_passcodes_are_at_least_ten_characters_by_default():
    assert config.load().passcode_min_length == 10


def test_config_show_marks_what_it_policy_locks_and_what_it_set_aside(tmp_path, capsys):
    (tmp_path / "machine-config.toml").write_text(IT_POLICY)
    (tmp_path / "user-config.toml").write_text('central_url = "https://elsewhere.example.org"\n')
    assert main(["config", "show"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "locked by IT policy" in lines["central_url"] and "user-config.toml" in lines["central_url"]
    assert "locked by IT policy" in lines["central_ca_cert"]
    assert "IT's minimum" in lines["kdf_cost"] and "the environment" in lines["kdf_cost"]
    assert "IT" not in lines["sync_interval_seconds"]
    assert main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["central_url"] == {
        "value": "https://central.example.org",
        "from": str(tmp_path / "machine-config.toml"),
        "policy": "locked by IT policy",
        "ignored": [str(tmp_path / "user-config.toml")],
    }


def test_the_command_line_cannot_sync_with_another_central_record_than_it_set(tmp_path, cli_env, capsys):
    (tmp_path / "machine-config.toml").write_text('central_url = "https://central.example.org"\n')
    assert main(["init"]) == 0
    assert main(["sync", "--central", "http://127.0.0.1:9/", "--user", "sw.demo"]) == 1
    assert "IT has set which central record" in capsys.readouterr().err


def test_the_bundle_ignores_switches_meant_for_tests(tmp_path, monkeypatch):
    (tmp_path / "elsewhere.toml").write_text("passcode_min_length = 6\n")
    monkeypatch.setenv("WVISIT_MACHINE_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert config.machine_config_path() == tmp_path / "elsewhere.toml"  # a source checkout: tests may point it
    monkeypatch.setattr("sys.frozen", True, raising=False)  # IT's PyInstaller bundle sets this
    assert config.machine_config_path() != tmp_path / "elsewhere.toml"


def test_a_missing_recovery_key_file_is_a_plain_sentence_at_set_up(tmp_path, cli_env, capsys):
    (tmp_path / "machine-config.toml").write_text(IT_POLICY)
    assert main(["init"]) == 1
    err = capsys.readouterr().err
    assert "/etc/wvisit/recovery-public.pem" in err and "Traceback" not in err
