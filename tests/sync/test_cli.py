"""The sync, keys and stats commands as a new user runs them: two installations, one stick.

The commands run in-process (``tests.cli_runner``), each with its own database file.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pyrage
from sqlalchemy import select

from app.models import Institution
from app.services.date_text import fmt_moment
from app.services.setup import open_workspace
from tests.cli_runner import OPS_INIT
from tests.conftest import PASSPHRASE


def init_both(cli) -> None:  # the ``cli`` fixture's runner
    """An OPS laptop (ops.db, GOPS Narewka) and a coordinator (co.db, PCPR Hajnówka)."""
    cli("ops.db", *OPS_INIT)
    cli(
        "co.db",
        "init",
        "--role",
        "coordinator",
        "--unit",
        "2005",
        "--name",
        "PCPR Hajnówka",
        "--worker",
        "Ewa Zawadzka",
    )


def test_two_installations_exchange_bundles_on_a_stick(cli, tmp_path, warsaw):
    init_both(cli)
    cli("ops.db", "demo", "--families", "4", "--seed", "5")
    show = json.loads(cli("ops.db", "keys", "show", "--json").stdout)
    assert set(show) >= {"device_id", "role", "unit", "fingerprint"}
    stick = tmp_path / "stick"
    stick.mkdir()
    cli(
        "ops.db",
        "keys",
        "export-card",
        "-o",
        str(stick / "gops.card"),
        "--pdf",
        str(stick / "gops.pdf"),
    )
    cli("co.db", "keys", "export-card", "-o", str(stick / "pcpr.card"))
    assert (stick / "gops.pdf").read_bytes().startswith(b"%PDF")
    # without a terminal or --yes, a card is not registered
    refused = cli("co.db", "keys", "import-card", str(stick / "gops.card"), ok=2)
    assert show["fingerprint"] in refused.stdout
    out = cli("co.db", "keys", "import-card", str(stick / "gops.card"), "--yes").stdout
    assert show["fingerprint"] in out
    cli("ops.db", "keys", "import-card", str(stick / "pcpr.card"), "--yes")
    coord = json.loads(cli("co.db", "keys", "show", "--json").stdout)

    cli("ops.db", "sync", "export", "--to", "PCPR Hajnówka", "-o", str(stick))
    [bundle] = stick.glob("*.kbundle")
    assert show["device_id"] in bundle.name and "Narew" not in bundle.name
    first = cli("co.db", "sync", "import", str(bundle))
    assert "1" in first.stdout
    again = cli("co.db", "sync", "import", str(bundle))
    assert again.stdout != first.stdout  # says it was already imported

    back = tmp_path / "back"
    back.mkdir()
    cli("co.db", "sync", "export", "--to", show["device_id"], "-o", str(back / "x.kbundle"))
    cli("ops.db", "sync", "import", str(back / "x.kbundle"))
    dump_ops = cli("ops.db", "dump", "--json").stdout
    dump_co = cli("co.db", "dump", "--json").stdout
    assert dump_ops == dump_co and json.loads(dump_ops)["tables"]["family"]

    status = json.loads(cli("ops.db", "sync", "status", "--json").stdout)
    [peer] = status["peers"]
    assert peer["device_id"] == coord["device_id"] and peer["last_received_seq"] == 1
    # the listing for the worker: times in Warsaw time, the Polish way (they were UTC, ISO)
    human = cli("ops.db", "sync", "status").stdout
    for stamp in (peer["last_sent_at"], peer["last_received_at"]):
        assert fmt_moment(datetime.fromisoformat(stamp.replace("Z", "+00:00"))) in human
    assert not re.search(r"\d{4}-\d{2}-\d{2}", human)
    assert "koordynator powiatowy" in human and "coordinator" not in human  # the role in Polish
    assert json.loads(cli("co.db", "sync", "conflicts", "--json").stdout) == []

    # the emergency path: the standard age format opens with the exported identity
    cli("co.db", "keys", "export-identity", "-o", str(tmp_path / "identity.txt"))
    key = next(
        line
        for line in (tmp_path / "identity.txt").read_text().splitlines()
        if line.startswith("AGE-SECRET-KEY-")
    )
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(key)])
    assert plain.startswith(b"KOOPERACJA-BUNDLE/1")

    # a damaged copy is refused with exit code 7 and a Polish message
    damaged = tmp_path / "damaged.kbundle"
    data = bytearray(bundle.read_bytes())
    data[-500] ^= 0xFF
    damaged.write_bytes(bytes(data))
    bad = cli("co.db", "sync", "import", str(damaged), ok=7)
    assert "Nic nie zaimportowano" in bad.stderr  # errors go to stderr (README)

    cli("co.db", "stats", "--format", "csv", "-o", str(tmp_path / "s.csv"))
    cli("co.db", "stats", "--format", "pdf", "-o", str(tmp_path / "s.pdf"))
    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert text.count("\n") > 5 and "<5" in text


def test_conflict_resolution_from_the_command_line(cli, tmp_path):
    init_both(cli)
    for a, b in (("ops", "co"), ("co", "ops")):
        cli(f"{a}.db", "keys", "export-card", "-o", str(tmp_path / f"{a}.card"))
        cli(f"{b}.db", "keys", "import-card", str(tmp_path / f"{a}.card"), "--yes")
    co_id = json.loads(cli("co.db", "keys", "show", "--json").stdout)["device_id"]
    ops_id = json.loads(cli("ops.db", "keys", "show", "--json").stdout)["device_id"]
    cli("ops.db", "sync", "export", "--to", co_id, "-o", str(tmp_path / "1.kbundle"))
    cli("co.db", "sync", "import", str(tmp_path / "1.kbundle"))
    cli("co.db", "sync", "export", "--to", ops_id, "-o", str(tmp_path / "2.kbundle"))
    cli("ops.db", "sync", "import", str(tmp_path / "2.kbundle"))
    # both change the OPS's own institution record (an OPS may not change the coordinator's):
    # a conflict the coordinator decides
    for db, phone in (("ops.db", "85 111 11 11"), ("co.db", "85 222 22 22")):
        ws = open_workspace(tmp_path / db, PASSPHRASE)
        with ws.transaction() as s:
            home = s.scalars(
                select(Institution).where(
                    Institution.level == "gmina", Institution.sector_code == "social_assistance"
                )
            ).first()
            home.phone = phone
        ws.lock()
    cli("ops.db", "sync", "export", "--to", co_id, "-o", str(tmp_path / "3.kbundle"))
    cli("co.db", "sync", "import", str(tmp_path / "3.kbundle"), ok=8)
    [c] = json.loads(cli("co.db", "sync", "conflicts", "--json").stdout)
    assert {c["mine"]["value"], c["theirs"]["value"]} == {"85 111 11 11", "85 222 22 22"}
    assert c["theirs"]["worker"] == "Anna Kowalczyk" and c["mine"]["worker"] == "Ewa Zawadzka"
    cli("co.db", "sync", "resolve", c["id"], "--take", "theirs")
    assert json.loads(cli("co.db", "sync", "conflicts", "--json").stdout) == []
    cli("co.db", "sync", "export", "--to", ops_id, "-o", str(tmp_path / "4.kbundle"))
    cli("ops.db", "sync", "import", str(tmp_path / "4.kbundle"))
    assert cli("ops.db", "dump", "--json").stdout == cli("co.db", "dump", "--json").stdout
