"""A small folder of Markdown documents with answers a test can ask for."""

from __future__ import annotations

from pathlib import Path

SECTIONS = {
    "guide.md": [
        ("Mount", "Installing the telescope mount requires a 13 mm hex key and two people."),
        ("Warranty", "The warranty covers the motor drive for five years from purchase."),
        ("Cleaning", "Clean the lens with a soft cloth and never with alcohol."),
        ("Storage", "Store the tube horizontally in a dry room between uses."),
    ],
    "notes.md": [
        ("Cafeteria", "The cafeteria opens at 11:30 on weekdays and closes at 14:00."),
        ("Parking", "Visitors park on level B2; the gate code is given at reception."),
    ],
    "규정.md": [
        ("휴가", "연차 휴가는 입사 첫해에 열다섯 일이 주어집니다."),
        ("출장", "출장비는 영수증을 첨부하여 경영지원팀에 제출합니다."),
    ],
}


def write_docs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, sections in SECTIONS.items():
        body = "\n\n".join(f"# {title}\n\n{text}" for title, text in sections)
        (folder / name).write_text(body + "\n", encoding="utf-8")
    return folder
