"""Documents of clearly different kinds, for tagging tests: contracts, a research paper,
meeting minutes and a story that is none of them. File names say nothing of the kind."""

from __future__ import annotations

from pathlib import Path

from tests.core.documents.officemaker import make_hangul
from tests.core.documents.pdfmaker import make_pdf

ENGLISH_LABELS = ["contract", "research paper", "meeting report"]

ENGLISH = {
    "doc-a.pdf": (
        "contract",
        "LEASE AGREEMENT. This Lease Agreement is made between Oakfield Properties LLC (the "
        "Landlord) and Jordan Lee (the Tenant). The Landlord agrees to rent the apartment at 12 "
        "Elm Street to the Tenant for a term of twelve months. The Tenant shall pay a monthly "
        "rent of 1,200 dollars on the first day of each month. A security deposit of 1,200 "
        "dollars is due upon signing. The Tenant shall not sublet the premises without written "
        "consent. Either party may terminate this Agreement with sixty days written notice. IN "
        "WITNESS WHEREOF, the parties have signed this Agreement.",
    ),
    "doc-b.pdf": (
        "research paper",
        "Abstract. We present a study of how sleep affects memory in adults. Our research "
        "hypothesis is tested in a controlled experiment with forty participants; the results "
        "are statistically significant (p < 0.01). This paper contributes to the scientific "
        "literature on cognition. The paper is organised as follows: related work, methodology, "
        "results, discussion and conclusion. References and acknowledgements follow.",
    ),
    "doc-c.pdf": (
        "meeting report",
        "Minutes of the weekly team meeting, Monday 3 June. Attendees: Ana, Ben, Chloe. Agenda: "
        "budget update, hiring, office move. Ben reported that the budget is on track. Chloe "
        "presented the hiring plan for two engineers. Decisions: the office move is approved for "
        "July. Action items: Ana will book the movers by Friday. The next meeting is scheduled "
        "for next Monday at ten.",
    ),
    "doc-d.pdf": (
        None,
        "The old lighthouse stands on a rocky cape at the edge of the village. Fishermen still "
        "tell stories of the keeper who lit the lamp every night for forty years. In summer, "
        "tourists climb the narrow stairs to see the view over the bay.",
    ),
}

LATE_CONTRACT = (
    "EMPLOYMENT CONTRACT. Between Brightline Foods Ltd (the Employer) and Sam Carter (the "
    "Employee). The Employee is employed as a warehouse supervisor starting on 1 March. The "
    "Employer shall pay a salary of 38,000 pounds per year. The Employee is entitled to 25 days "
    "of paid holiday. Either party may end the employment by giving one month's notice in "
    "writing. Signed by the Employer and the Employee."
)

KOREAN_LABELS = ["계약서", "논문", "보고서"]

KOREAN = {
    "문서-가.hwpx": (
        "계약서",
        "임대차 계약서. 임대인 김철수(이하 갑)와 임차인 이영희(이하 을)는 아래 부동산에 관하여 "
        "다음과 같이 임대차 계약을 체결한다. 제1조 보증금은 일천만 원으로 하고 계약 시 지급한다. "
        "제2조 월 차임은 오십만 원으로 하며 매월 말일에 지급한다. 제3조 계약 기간은 2024년 3월 "
        "1일부터 2년으로 한다. 본 계약을 증명하기 위하여 계약서 2통을 작성하고 서명 날인한다.",
    ),
    "문서-나.txt": (
        "논문",
        "초록. 본 논문에서는 수면이 성인의 기억 형성에 미치는 영향을 연구하였다. 참가자 40명을 "
        "대상으로 실험을 수행하였으며, 수면 후 회상 점수가 유의하게 향상되었다(p < 0.01). "
        "1. 서론. 선행 연구에 따르면 수면은 학습을 돕는다(김 외, 2019). 2. 연구 방법. "
        "3. 연구 결과. 4. 결론 및 논의. 참고문헌. 주제어: 수면, 기억, 인지.",
    ),
    "문서-다.txt": (
        "보고서",
        "2024년 1분기 사업 실적 보고서. 1. 개요: 본 보고서는 1분기 매출과 주요 사업 성과를 "
        "정리한 것이다. 2. 매출 현황: 1분기 매출은 전년 동기 대비 12% 증가하였다. 3. 주요 성과: "
        "신제품 출시와 해외 판로 확대. 4. 문제점 및 개선 방안: 물류 비용 증가에 대응할 필요가 "
        "있다. 5. 향후 계획: 2분기에는 마케팅을 강화한다. 작성 부서: 경영기획팀.",
    ),
}


def make_english(folder: Path) -> dict[str, str | None]:
    """Write the English PDFs; returns file name → the label it should get."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, text) in ENGLISH.items():
        make_pdf(folder / name, [text])
    return {name: label for name, (label, _) in ENGLISH.items()}


def make_korean(folder: Path) -> dict[str, str | None]:
    """An HWPX contract and two plain-text documents in Korean."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, text) in KOREAN.items():
        if name.endswith(".hwpx"):
            make_hangul(folder / name, text.split(".")[0], [text])
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return {name: label for name, (label, _) in KOREAN.items()}
