"""Issue 7, item 2: killing Pagefold while the real SmolLM2 streams an answer loses nothing saved.

A driver process asks question after question (``drivers/ask_loop.py``: the real ChatService,
Library, Chroma, MiniLM and SmolLM2) and reports each answer it stored; it is SIGKILLed at a
seeded random moment after one of its answers starts streaming. After every kill the
conversation store (``conversations.sqlite3``) must be whole, and every message reported as
saved, in this round or any before, must be there unchanged, in a conversation whose turns are
still in order. ``PAGEFOLD_ASK_KILLS`` (default 3; 12 with ``PAGEFOLD_SOAK=1``) tunes the count.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.storage.conversations import ConversationStore
from tests.core.documents.pdfmaker import make_pdf
from tests.robustness.conftest import RobustnessReport
from tests.robustness.kill import pagefold_env, run_to_end, run_until
from tests.robustness.probes import env_int

pytestmark = pytest.mark.slow

KILLS = env_int("PAGEFOLD_ASK_KILLS", 3, 12)
SEED = int(os.environ.get("PAGEFOLD_KILL_SEED", "7"))
QUESTIONS = [
    "When does the museum open on Sundays?",
    "And on weekdays?",
    "How much is a ticket for students?",
    "What tool do I need to mount the telescope?",
    "How long is the warranty on the motor?",
    "Who must sign the shipment contract?",
]


def make_corpus(folder: Path) -> Path:
    folder.mkdir()
    make_pdf(
        folder / "museum.pdf",
        [
            "The city museum opens at 10:00 on Sundays and at 9:00 on weekdays.",
            "Tickets cost 12 euros; students pay 6 euros with a valid card.",
        ],
    )
    (folder / "telescope.md").write_text(
        "# Telescope\n\nMounting the telescope needs a 13 mm hex key.\n\n"
        "The motor drive has a five-year warranty.\n\n"
        "The shipment contract must be signed by the warehouse manager.\n",
        "utf-8",
    )
    return folder


def test_answers_saved_before_a_kill_stay_intact(
    tmp_path: Path, smollm2_gguf: Path, report: RobustnessReport
) -> None:
    rng = random.Random(SEED)
    home = tmp_path / "home"
    env = pagefold_env(home)
    corpus = make_corpus(tmp_path / "corpus")
    ingest = run_to_end(["-m", "app", "ingest", "--quiet", "museum", str(corpus)], env)
    assert ingest.returncode == 0, ingest.log
    saved: dict[int, dict[str, Any]] = {}  # message id → what the driver said it stored
    totals = {"kills": 0, "survived": 0, "lost": 0, "conversations": 0}
    started = time.monotonic()
    try:
        for round_no in range(KILLS):
            target = rng.randint(1, 4)
            log = tmp_path / f"ask-{round_no}.log"
            run = run_until(
                [
                    "-m",
                    "tests.robustness.drivers.ask_loop",
                    "museum",
                    str(smollm2_gguf),
                    *QUESTIONS,
                ],
                env,
                log,
                ready=lambda log=log, target=target: f"TOKEN {target}\n" in _text(log),
                delay_s=rng.uniform(0.0, 1.5),
            )
            assert "ERROR" not in run.log, run.log
            totals["kills"] += run.killed
            for line in run.log.splitlines():
                if line.startswith("SAVED "):
                    record = json.loads(line.removeprefix("SAVED "))
                    saved[record["message"]] = record
            lost, conversations = _check_store(home / "conversations.sqlite3", saved)
            totals["lost"] = len(lost)
            totals["conversations"] = conversations
            assert not lost, f"saved before the kill but now missing or changed: {lost}"
            totals["survived"] += run.killed
    finally:
        report.add(
            "Kill -9 during a streamed answer (real SmolLM2)",
            kills=totals["kills"],
            survived=totals["survived"],
            **{
                "answers saved before the kills": len(saved),
                "conversations checked": totals["conversations"],
                "data lost": totals["lost"],
                "seed": SEED,
                "minutes": round((time.monotonic() - started) / 60, 1),
            },
        )
    assert saved, "no answer was ever completed: the kills came too early to test anything"


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _check_store(path: Path, saved: dict[int, dict[str, Any]]) -> tuple[list[int], int]:
    """Integrity, every saved answer unchanged, and turns in order in every conversation."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    store = ConversationStore(path)
    try:
        lost = [
            message_id
            for message_id, record in saved.items()
            if not _same(store, message_id, record)
        ]
        conversations = store.list()
        for conversation in conversations:
            roles = [m.role for m in store.messages(conversation.id)]
            assert roles[::2] == ["user"] * len(roles[::2]), roles  # each answer after its question
            assert roles[1::2] == ["assistant"] * len(roles[1::2]), roles
        return lost, len(conversations)
    finally:
        store.close()


def _same(store: ConversationStore, message_id: int, record: dict[str, Any]) -> bool:
    try:
        message = store.message(message_id)
    except Exception:  # missing: lost
        return False
    return (
        message.conversation_id == record["conversation"]
        and hashlib.sha256(message.content.encode()).hexdigest() == record["sha"]
        and len(message.sources) == record["sources"]
    )
