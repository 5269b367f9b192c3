"""Screenshots of Pagefold's main states, taken from the real app under Xvfb.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py \
        [--out docs/screenshots] [--model PATH_TO.gguf]

Everything is real: a fresh data folder, sample PDFs made here (English and Korean), indexing
with the default embedder, retrieval, and the viewer. With ``--model`` the answers come from that
model; without it Pagefold runs in search-only mode and answers with passages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")

REPORT = [
    "Han River Restoration Report 2023\n\nSummary. The Han River restoration programme "
    "reopened 41 km of natural riverbank in Seoul between 2019 and 2023. This report describes "
    "the works, their cost and the changes measured in water quality and wildlife.",
    "1. Water quality\n\nDissolved oxygen in the middle reaches rose from 6.1 mg/L in 2019 to "
    "8.4 mg/L in 2023, after eleven combined sewer overflows were closed. Summer algal blooms, "
    "recorded on 23 days in 2019, were seen on 4 days in 2023. The largest improvement was "
    "measured downstream of the Jamsil weir.",
    "2. Wildlife\n\nSurveys counted 57 fish species in 2023, up from 44. Otters returned to the "
    "Tancheon confluence for the first time since the 1980s, and the number of wintering "
    "mallards doubled along the restored banks.",
    "3. Cost\n\nThe programme cost 1.2 trillion won, of which 61 percent was spent on sewer "
    "works and 24 percent on bank restoration. Maintenance is budgeted at 38 billion won a "
    "year until 2030.",
]
KOREAN = [
    "한강 수변 공원 이용 안내\n\n여의도 한강공원은 연중무휴로 운영되며, 자전거 대여소는 "
    "오전 9시부터 오후 8시까지 문을 엽니다. 공원 안에서는 지정된 구역에서만 취사가 "
    "가능합니다.",
    "수질 개선 결과\n\n2023년 조사에서 한강 중류의 용존산소량은 리터당 8.4밀리그램으로, "
    "2019년의 6.1밀리그램보다 크게 늘었습니다. 여름철 녹조 발생일도 23일에서 4일로 "
    "줄었습니다.",
]


def make_samples(folder: Path) -> list[Path]:
    from fpdf import FPDF

    def write(name: str, pages: list[str], korean: bool) -> Path:
        pdf = FPDF()
        pdf.set_auto_page_break(True, 20)
        if korean:
            pdf.add_font("Nanum", "", str(KOREAN_FONT))
        for text in pages:
            pdf.add_page()
            pdf.set_font("Nanum" if korean else "Helvetica", size=12)
            title, _, body = text.partition("\n\n")
            pdf.set_font_size(18)
            pdf.multi_cell(0, 10, title)
            pdf.ln(4)
            pdf.set_font_size(12)
            pdf.multi_cell(0, 7, body)
        path = folder / name
        pdf.output(str(path))
        return path

    folder.mkdir(parents=True, exist_ok=True)
    return [write("han-river-report.pdf", REPORT, False), write("한강공원-안내.pdf", KOREAN, True)]


class Shooter:
    """Drives the real window step by step and saves PNGs."""

    def __init__(self, out: Path, model: str | None) -> None:
        from app.core.config import Settings
        from app.ui.app import build_window, create_application, setup_logging

        self.out = out
        self.app = create_application()
        self.settings = Settings.load()
        setup_logging(self.settings)
        self.window = build_window(self.settings, self.app)
        self.window.resize(1360, 860)
        self.window.show()
        self.model = model

    def wait(self, condition: Callable[[], bool], timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not reach the expected state")
            self.app.processEvents()
            time.sleep(0.01)

    def settle(self, seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def shot(self, name: str) -> None:
        self.settle()
        path = self.out / name
        self.window.grab().save(str(path))
        print(f"saved {path}")

    def ask(self, question: str) -> None:
        w = self.window
        w.chat_page.composer.set_text(question)
        w.chat_page.composer.submit()
        self.wait(lambda: w.chat.model.rowCount() >= 2 and not w.chat.busy, 600)
        w.chat_page.view.flush()

    def run(self, samples: list[Path]) -> None:
        w = self.window
        self.wait(lambda: w.welcome.machine_text.text() != "Looking at this computer…", 60)
        self.shot("01-welcome.png")
        w.welcome.start_button.click()
        w.collection_actions.index_paths("Han River", samples)
        self.wait(lambda: w.sidebar.indexing.overall.value() > 0, 120)
        self.shot("02-indexing.png")
        self.wait(lambda: not w.indexing.busy, 600)
        if self.model:
            w.models.choose(self.model)
            self.wait(lambda: not w.models.loading, 300)
        self.ask("How much did dissolved oxygen improve, and why?")
        row = w.chat.model.rowCount() - 1
        cited = w.chat.model.message(row).cited or [1]
        w.sources_controller.open_citation(row, cited[0])
        self.wait(lambda: w.sources_pane.viewer.pdf.highlight_page() is not None, 30)
        self.shot("03-answer-with-source.png")
        w.theme.apply("dark")
        self.shot("04-dark.png")
        w.theme.apply("light")
        w.translations.apply("ko")
        from app.ui.theme import apply_font

        apply_font(self.app, "ko")
        w.new_chat()
        self.ask("2023년 녹조 발생일은 며칠이었나요?")
        row = w.chat.model.rowCount() - 1
        w.sources_controller.open_citation(row, (w.chat.model.message(row).cited or [1])[0])
        self.settle(1.0)
        self.shot("05-korean.png")
        w.translations.apply("en")
        apply_font(self.app, "en")
        self.dialogs()
        w.close()

    def dialogs(self) -> None:
        """The model manager and the settings, each grabbed on its own."""
        w = self.window
        w.models.open_manager()
        manager = w.models._manager
        self.wait(lambda: manager.model.rowCount() > 0, 120)
        manager.table.selectRow(0)
        self.settle()
        manager.grab().save(str(self.out / "06-models.png"))
        print(f"saved {self.out / '06-models.png'}")
        manager.hide()
        from app.ui.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings, [w.collections.record(n) for n in w.collections.names()], w
        )
        dialog.tabs.setCurrentIndex(1)
        dialog.show()
        self.settle()
        dialog.grab().save(str(self.out / "07-settings.png"))
        print(f"saved {self.out / '07-settings.png'}")
        dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--model", help="a .gguf file or model folder that writes the answers")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefold-shots-") as tmp:
        os.environ["PAGEFOLD_HOME"] = str(Path(tmp) / "data")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        samples = make_samples(Path(tmp) / "docs")
        Shooter(args.out, args.model).run(samples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
