"""The README's promises, exercised as a user would: every CLI example runs, every feature bullet
has a check.

Why a test of the README itself: features were promised there that nothing connected (a LoRA
attached but never applied, a bundled model the app never used). Each command line in the
README's "Command line" block is run here as a new ``pagefold`` process, in README order, on the
two bundled PDFs and the real SmolLM2 GGUF, and its output is checked for what the README says it
does. A README line without a check, or a check whose line left the README, fails the test, so
the two cannot drift apart. Downloads go to a local fake hub (no network here); nothing needs a
GPU.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.core.encoders.conftest import RERANKER_REPO
from tests.core.encoders.tinyencoders import make_cross_encoder
from tests.core.models.hubfake import FakeHub, running_hub

README = REPO / "README.md"
PAGEFOLD = Path(sys.executable).parent / "pagefold"
SAMPLES = (
    REPO / "resources" / "eval" / "airpure-300-manual.en.pdf",
    REPO / "resources" / "eval" / "hanbit-handbook.ko.pdf",
)


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def readme_commands() -> list[str]:
    """The command lines of the "Command line" block, without their trailing comments."""
    block = _section("Command line").split("```bash\n", 1)[1].split("```", 1)[0]
    lines = []
    for raw in block.splitlines():
        line = re.sub(r"\s+#\s.*$", "", raw).strip()
        if line.startswith("pagefold"):
            lines.append(line)
    return lines


def readme_bullets() -> list[str]:
    """The bold names that open the feature bullets of "What it does"."""
    return re.findall(r"^- \*\*(.+?)\*\*", _section("What it does"), flags=re.M)


@dataclass
class Run:
    line: str
    rc: int
    out: str
    err: str
    seconds: float


@dataclass
class Session:
    """One data folder, the samples folder, the fake hub: what the README's user has."""

    home: Path
    docs: Path
    models: Path
    hub: FakeHub
    runs: dict[str, Run] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            PAGEFOLD_HOME=str(self.home),
            HOME=str(self.home.parent),
            HF_ENDPOINT=self.hub.endpoint,
            HF_HUB_OFFLINE="0",  # only the fake hub on 127.0.0.1 is reachable
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            PYTHONPATH=str(REPO),
        )
        return env

    def argv(self, line: str) -> list[str]:
        """The README line as the shell would split it, ``~`` being this session's home."""
        import shlex

        words = shlex.split(line.replace("~/", f"{self.home.parent}/"))
        if words and words[-1] == "&":
            words.pop()
        return [str(PAGEFOLD), *words[1:]]

    def run(self, line: str, timeout: float = 600) -> Run:
        start = time.perf_counter()
        done = subprocess.run(
            self.argv(line),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(),
            cwd=self.home.parent,
            timeout=timeout,
        )
        run = Run(line, done.returncode, done.stdout, done.stderr, time.perf_counter() - start)
        self.runs[line] = run
        return run


# -- the checks: one per README command line -----------------------------------------------------

Check = Callable[[Session, Run], None]


def ok(run: Run) -> None:
    assert run.rc == 0, f"`{run.line}` exited {run.rc}:\n{run.out[-2000:]}\n{run.err[-3000:]}"


def ingest(s: Session, run: Run) -> None:
    ok(run)
    assert "airpure-300-manual.en.pdf" in run.out + run.err
    again = s.run(run.line)  # "indexed once": the same files again cost nothing
    ok(again)
    assert re.search(r"unchanged|변경 없음", again.out + again.err, re.I), again.out


def search_korean(s: Session, run: Run) -> None:
    ok(run)
    first = run.out.split("\n\n")[0]  # the best passage: the handbook's page 1, on core time
    assert first.startswith("[1]") and "page 1" in first, run.out[:1500]
    assert "코어타임" in first and "오전 10시부터" in first, first


def search_json(s: Session, run: Run) -> None:
    ok(run)
    hits = json.loads(run.out)
    assert hits and Path(hits[0]["path"]).name == "airpure-300-manual.en.pdf"
    assert hits[0]["page"] == 3
    for key in ("chunk_id", "text", "document_id", "title", "start", "end", "score", "ocr"):
        assert key in hits[0], key


def ask_cited(s: Session, run: Run) -> None:
    ok(run)
    answer, _, sources = run.out.partition("\nSources:\n")
    assert answer.strip(), run.out
    # Cited as [n], or (a 135M model often cites nothing) said plainly, with what was searched.
    assert re.search(r"\[\d\]", answer) or "cites none" in answer, run.out
    # The sources are those the answer cites (numbered by search rank), with their pages.
    assert re.search(r"^\[\d+\] AirPure 300 .*, p\. \d", sources, re.M), run.out


def ask_plain(s: Session, run: Run) -> None:
    ok(run)
    assert run.out.strip()
    assert not re.search(r"\[\d\]", run.out), run.out  # no documents, no citations


def summarize(s: Session, run: Run) -> None:
    ok(run)
    assert run.out.strip()
    # Cited by page, or (a 135M model may invent every sentence) said plainly, with the pages read.
    cited = re.search(r"^\[\d+\] AirPure 300 .*, p\. \d", run.out, re.M)
    uncited = "cites no page" in run.out and re.search(r"^AirPure 300 .*, pp\. 1–\d", run.out, re.M)
    assert cited or uncited, run.out


def translate(s: Session, run: Run) -> None:
    """End to end with the real model. SmolLM2-135M cannot translate (it echoes the Korean), so
    the direction and the prompt are checked by
    tests/core/chat/test_actions.py::test_translation_of_a_korean_passage_goes_to_english."""
    ok(run)
    assert run.out.strip(), run.err[-2000:]


def collections_list(s: Session, run: Run) -> None:
    ok(run)
    assert "handbook" in run.out


def collections_check(s: Session, run: Run) -> None:
    ok(run)
    # Take the vectors of one document away: check must now see it, repair must fix it.
    from app.core.config import Settings
    from app.core.library import Library

    settings = Settings.load(s.home)
    lib = Library(settings)
    try:
        col = lib.collection("handbook")
        doc = lib.catalog.documents(col.id)[0]
        lib.vectors_for(col).delete_document(col.id, doc.id)
    finally:
        lib.close()
    broken = s.run(run.line)
    assert broken.rc != 0, broken.out


def collections_repair(s: Session, run: Run) -> None:
    ok(run)
    check = s.run("pagefold collections check handbook")
    ok(check)


def collections_embedder(s: Session, run: Run) -> None:
    ok(run)
    assert "multilingual-e5-small" in run.out


def models_import(s: Session, run: Run) -> None:
    ok(run)
    converted = s.home / "models" / "converted"
    assert any(converted.rglob("*.safetensors")), "the GGUF file was not converted once"


def models_list(s: Session, run: Run) -> None:
    ok(run)
    assert "smollm2-135m-instruct.q4_1" in run.out, run.out


def models_download(s: Session, run: Run) -> None:
    ok(run)
    assert any(r.method == "GET" and "resolve" in r.path for r in s.hub.log)
    assert (s.home / "models" / "mmarco-mminilmv2-l12").is_dir()


def models_use(s: Session, run: Run) -> None:
    ok(run)
    settings = json.loads((s.home / "settings.json").read_text(encoding="utf-8"))
    assert settings["retrieval"]["reranker"] == "off"


def search_no_rerank(s: Session, run: Run) -> None:
    ok(run)
    first = run.out.split("\n\n")[0]  # the filter-care page of the manual, by its title
    assert first.startswith("[1] AirPure 300") and "page 3" in first, run.out[:800]


def conversations_list(s: Session, run: Run) -> None:
    ok(run)
    assert "battery" in run.out.lower() or "remote" in run.out.lower(), run.out


def conversations_export(s: Session, run: Run) -> None:
    ok(run)
    data = json.loads((s.home.parent / "chat.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert "airpure-300-manual.en.pdf" in text  # the citations travel with it
    assert "smollm2" in text.lower()  # and the model that wrote it


def conversations_import(s: Session, run: Run) -> None:
    ok(run)
    listed = s.run("pagefold conversations list")
    assert listed.out.lower().count("battery") >= 2 or listed.out.count("\n") >= 3, listed.out


def serve(s: Session, run: Run) -> None:
    ok(run)  # the server was started in the background and stopped after the search below


def eval_example(s: Session, run: Run) -> None:
    ok(run)
    assert "hit@5" in run.out.lower() or "hit@" in run.out.lower(), run.out


def self_test(s: Session, run: Run) -> None:
    ok(run)
    assert "device:" in run.out.lower() or "pass" in run.out.lower(), run.out


CLI_CHECKS: dict[str, Check] = {
    "pagefold ingest handbook ~/Documents/handbook --include '*.pdf'": ingest,
    'pagefold search handbook "코어타임은 몇 시부터 몇 시까지인가요?" -k 5': search_korean,
    'pagefold search handbook "How often does the HEPA filter need to be changed?" --json': (
        search_json
    ),
    'pagefold ask handbook "What kind of battery goes in the remote?" '
    "--model smollm2-135m-instruct.q4_1": ask_cited,
    'pagefold ask --no-documents "Say hello in one sentence." '
    "--model smollm2-135m-instruct.q4_1": ask_plain,
    "pagefold summarize handbook airpure-300-manual.en.pdf "
    "--model smollm2-135m-instruct.q4_1 --max-new-tokens 200": summarize,
    'pagefold translate --text "필터는 6개월마다 교체하세요." --to en '
    "--model smollm2-135m-instruct.q4_1": translate,
    "pagefold collections list": collections_list,
    "pagefold collections check handbook": collections_check,
    "pagefold collections repair handbook": collections_repair,
    "pagefold collections embedder handbook": collections_embedder,
    "pagefold models import ~/models/SmolLM2-135M-Instruct.Q4_1.gguf": models_import,
    "pagefold models list": models_list,
    "pagefold models download mmarco-mminilmv2-l12": models_download,
    "pagefold models use off": models_use,
    'pagefold search handbook "HEPA filter" --reranker off': search_no_rerank,
    "pagefold conversations list": conversations_list,
    "pagefold conversations export 1 -o chat.json": conversations_export,
    "pagefold conversations import chat.json": conversations_import,
    "pagefold serve &": serve,
    "pagefold eval --example": eval_example,
    "pagefold --self-test --model ~/models/SmolLM2-135M-Instruct.Q4_1.gguf": self_test,
}

#: Each feature bullet and what exercises it: README command lines (run by the slow test below)
#: and the tests that drive the window or the failure for it (run by the same CI job).
BULLET_CHECKS: dict[str, tuple[str, ...]] = {
    "Collections": (
        "pagefold ingest handbook ~/Documents/handbook --include '*.pdf'",
        "tests/robustness/test_degenerate_input.py::"
        "test_identical_passages_are_embedded_once_and_reused_by_a_reingest",
    ),
    "Hybrid search": (
        'pagefold search handbook "코어타임은 몇 시부터 몇 시까지인가요?" -k 5',
        'pagefold search handbook "How often does the HEPA filter need to be changed?" --json',
        "tests/core/encoders/test_reranker_choice.py::"
        "test_downloaded_reranker_is_used_by_default_and_off_turns_it_off",
        "tests/benchmarks/test_run_together_korean.py::"
        "test_questions_find_their_page_in_a_pdf_without_spaces",
        "tests/core/retrieval/test_lexicon.py::"
        "test_an_english_question_finds_the_korean_page_through_the_word_list",
        "tests/benchmarks/test_mixed_folder.py::"
        "test_questions_across_languages_find_their_page_in_a_folder_of_both",
    ),
    "Answers": (
        'pagefold ask handbook "What kind of battery goes in the remote?" '
        "--model smollm2-135m-instruct.q4_1",
        "pagefold summarize handbook airpure-300-manual.en.pdf "
        "--model smollm2-135m-instruct.q4_1 --max-new-tokens 200",
        "tests/core/chat/test_citation_words.py::test_removing_the_markers_gives_back_the_models_text",
        "tests/core/models/test_convert.py::test_import_converts_once_and_later_loads_use_the_folder",
        "tests/core/models/test_loops.py::"
        "test_smollm2_asked_to_repeat_itself_never_writes_a_16_token_run_twice",
        "tests/robustness/test_prompt_fence.py::test_echoed_tags_are_removed_from_any_token_split",
        "tests/commands/test_chat_cli.py::"
        "test_a_summary_citing_nothing_says_so_and_names_the_pages_it_read",
    ),
    "Ask about one file": (
        "tests/ui/test_ask_about_file.py::"
        "test_ask_about_one_dropped_file_answers_from_it_and_keep_renames",
        "tests/ui/test_ask_about_file.py::"
        "test_discard_deletes_the_collection_and_its_vectors_never_the_file",
    ),
    "Chat without documents": (
        'pagefold ask --no-documents "Say hello in one sentence." '
        "--model smollm2-135m-instruct.q4_1",
        "tests/ui/test_plain_chat.py::test_no_documents_chats_with_the_model_and_cites_nothing",
    ),
    "LoRA adapters per collection": (
        "tests/core/chat/test_collection_adapter.py::"
        "test_the_attached_adapter_changes_answers_only_in_its_collection",
        "tests/ui/test_collection_adapter_dialog.py::"
        "test_collection_settings_attach_and_detach_the_adapter",
    ),
    "Models": (
        "pagefold models import ~/models/SmolLM2-135M-Instruct.Q4_1.gguf",
        "tests/ui/test_live_registry.py::test_a_model_imported_by_the_cli_appears_within_seconds",
        "tests/ui/test_model_loading.py::test_a_question_during_loading_waits_and_says_so",
        "tests/ui/test_model_loading.py::test_cancel_gives_up_the_load_and_returns_to_search_only",
    ),
    "Rerankers and embedders by id": (
        "pagefold models download mmarco-mminilmv2-l12",
        "pagefold models use off",
        'pagefold search handbook "HEPA filter" --reranker off',
        "pagefold collections embedder handbook",
        "tests/core/encoders/test_reembed.py::"
        "test_changing_the_embedder_re_embeds_every_passage_and_search_still_finds",
        "tests/ui/test_search_models.py::"
        "test_reranker_and_collection_embedder_are_chosen_in_settings",
    ),
    "Conversations": (
        "pagefold conversations export 1 -o chat.json",
        "pagefold conversations import chat.json",
        "tests/ui/test_chat_json.py::test_export_json_and_import_it_back_in_the_window",
    ),
    "Safe with several processes": (
        "pagefold collections check handbook",
        "pagefold collections repair handbook",
        "tests/robustness/test_concurrent_use.py::test_two_ingests_and_three_searchers_at_once",
        "tests/robustness/test_store_failures.py::test_catalog_failures_in_the_cli",
        "tests/ui/test_repair.py::test_a_search_on_a_damaged_collection_offers_the_repair",
    ),
    "Privacy": (
        "tests/robustness/test_offline_session.py::test_a_whole_session_makes_no_connection_attempt",
        "tests/robustness/test_privacy_on_disk.py::"
        "test_data_folder_and_databases_are_owner_only_whatever_the_umask",
        "tests/robustness/test_privacy_on_disk.py::"
        "test_link_leading_outside_the_folder_is_skipped_with_a_reason",
        "tests/robustness/test_prompt_fence.py::test_ask_prompt_keeps_every_attack_inside_its_fence",
    ),
    "Teams": (
        "tests/teams/test_server_collections.py::"
        "test_ask_answers_from_server_passages_through_an_openai_compatible_server",
    ),
}


def test_every_readme_command_has_a_check() -> None:
    lines = readme_commands()
    assert lines, "the README lost its Command line block"
    missing = [line for line in lines if line not in CLI_CHECKS]
    stale = [line for line in CLI_CHECKS if line not in lines]
    assert not missing, f"README command lines with no check here: {missing}"
    assert not stale, f"checks for lines the README no longer has: {stale}"


def test_every_feature_bullet_names_what_exercises_it() -> None:
    bullets = readme_bullets()
    assert bullets, "the README lost its feature bullets"
    missing = [b for b in bullets if b not in BULLET_CHECKS]
    assert not missing, f"README feature bullets with no check: {missing}"
    for bullet, evidence in BULLET_CHECKS.items():
        assert bullet in bullets, f"check for a bullet the README no longer has: {bullet}"
        for item in evidence:
            if item.startswith("pagefold"):
                assert item in CLI_CHECKS, (bullet, item)
            else:
                path = REPO / item.split("::")[0]
                assert path.is_file(), (bullet, item)
                name = item.split("::")[-1]
                assert f"def {name}(" in path.read_text(encoding="utf-8"), (bullet, item)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, smollm2_gguf: Path) -> Iterator[Session]:
    user = tmp_path_factory.mktemp("user")
    home = user / "pagefold-data"
    docs = user / "Documents" / "handbook"
    docs.mkdir(parents=True)
    for pdf in SAMPLES:
        shutil.copy(pdf, docs / pdf.name)
    models = user / "models"
    models.mkdir()
    shutil.copy(smollm2_gguf, models / smollm2_gguf.name)
    with running_hub() as hub:
        hub.add_repo(RERANKER_REPO, make_cross_encoder(tmp_path_factory.mktemp("reranker")))
        yield Session(home, docs, models, hub)


def _start_server(s: Session) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        s.argv("pagefold serve &"),
        env=s.env(),
        text=True,
        cwd=s.home.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while not (s.home / "search.sock").exists():
        assert server.poll() is None, server.stdout.read() if server.stdout else ""
        assert time.monotonic() < deadline, "pagefold serve did not open its socket"
        time.sleep(0.2)
    return server


def _check_background(s: Session, line: str, check: Check) -> None:
    """``pagefold serve &``: start it, search through it, stop it."""
    server = _start_server(s)
    try:
        run = s.run('pagefold search handbook "HEPA filter" -k 3')
        check(s, Run(line, 0 if server.poll() is None else 1, "", "", 0))
        search_no_rerank(s, run)
    finally:
        server.terminate()
        server.communicate(timeout=30)  # waits, and closes its pipe


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("line", readme_commands(), ids=lambda line: line[9:60])
def test_readme_command_line_does_what_the_readme_says(session: Session, line: str) -> None:
    """One README line, in README order, on the session's data folder (a line may rely on the
    ones above it, as a reader following the README would)."""
    check = CLI_CHECKS.get(line)
    if check is None:
        pytest.fail(f"no check for the README line {line!r}")
    if line.endswith("&"):
        _check_background(session, line, check)
    else:
        run = session.run(line)
        print(f"{run.seconds:6.1f} s  {line}")
        check(session, run)
