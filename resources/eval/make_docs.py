"""Write the bundled evaluation documents (made-up, so free to bundle) as PDFs.

Run from the repository root: ``.venv/bin/python resources/eval/make_docs.py``. The PDFs are
committed; run this again only after editing the text below, then check ``questions.jsonl``
still names the right pages (``tests/core/evaluation/test_bundled_set.py`` does).

- ``hanbit-handbook.ko.pdf``: a Korean employee handbook of a fictional company, eight pages,
  lines broken inside words (as many Korean word processors do), in NanumGothic.
- ``airpure-300-manual.en.pdf``: an English user manual of a fictional air purifier, eight pages,
  in Helvetica.

The output is deterministic (fixed dates), so the files' content hashes only change with the text.
"""

# ruff: noqa: E501  (each paragraph is one line: fpdf2 wraps it, a source line break would not)

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode

HERE = Path(__file__).resolve().parent
KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

HANDBOOK_TITLE = "한빛로보틱스 직원 안내서 (2024년판)"
HANDBOOK = [
    (
        "제1장 회사 소개와 근무 시간",
        """한빛로보틱스는 2011년 대전에서 설립된 물류 로봇 회사입니다. 본사는 대전 유성구에 있으며, 경기도 성남시 판교에 연구소를 두고 있습니다. 현재 임직원은 약 240명이고, 창고 자동화 로봇과 배송 로봇을 만들어 국내외 물류 기업에 공급하고 있습니다.

기본 근무 시간은 오전 9시부터 오후 6시까지이며, 점심시간은 낮 12시부터 오후 1시까지입니다. 회사는 유연근무제를 운영합니다. 출근 시각은 오전 7시에서 10시 사이에 자유롭게 정할 수 있지만, 핵심 근무 시간인 코어타임, 즉 오전 10시부터 오후 4시까지는 반드시 근무해야 합니다. 회의는 가능하면 코어타임 안에 잡습니다.

재택근무는 주 2회까지 할 수 있으며, 전날까지 팀장의 승인을 받아야 합니다. 재택근무 중에도 메신저 상태를 '근무 중'으로 유지하고, 업무 시간에는 연락이 닿아야 합니다.

신규 입사자의 수습 기간은 3개월입니다. 수습 기간에도 급여는 100% 지급되며, 수습이 끝나기 2주 전에 팀장과 면담을 합니다.""",
    ),
    (
        "제2장 휴가 제도",
        """연차 유급휴가는 입사 첫해에는 한 달 개근할 때마다 1일씩 생기고, 1년 이상 근무하면 15일이 주어집니다. 그 뒤로는 2년마다 하루씩 늘어나며, 최대 25일까지 받을 수 있습니다. 반차(4시간) 단위로도 쓸 수 있습니다.

연차를 쓰려는 직원은 사용 예정일의 3영업일 전까지 인사 시스템 '한빛온'에서 신청해야 합니다. 갑작스러운 병이나 사고처럼 미리 알릴 수 없는 경우에는 당일 오전 9시 전에 팀장에게 알리고, 복귀 후에 신청서를 올립니다.

경조휴가는 다음과 같습니다. 본인 결혼 5일, 자녀 결혼 1일, 부모 또는 배우자 사망 5일, 배우자 출산 시 10일입니다. 경조휴가는 연차에서 빼지 않습니다.

장기근속자를 위한 리프레시 휴가도 있습니다. 5년 근속 시 10일의 리프레시 휴가와 함께 휴가비 100만 원을 드립니다. 10년 근속 시에는 15일과 휴가비 200만 원입니다.

병가는 1년에 최대 30일까지 쓸 수 있으며, 3일 이상 연속으로 쓰면 진단서를 내야 합니다.""",
    ),
    (
        "제3장 급여와 복리후생",
        """급여는 매월 25일에 지급합니다. 25일이 주말이나 공휴일이면 그 전 영업일에 지급합니다. 급여 명세서는 '한빛온'에서 확인할 수 있습니다.

모든 직원에게 식대로 매달 20만 원을 지원합니다. 또한 자기계발비로 1인당 연 120만 원을 지원하며, 도서 구입, 온라인 강의 수강료, 어학 시험 응시료 등에 쓸 수 있습니다. 남은 금액은 다음 해로 넘어가지 않습니다.

건강검진은 매년 1회 회사 비용으로 받을 수 있고, 배우자도 함께 받을 수 있습니다. 만 40세 이상 직원은 위·대장 내시경이 포함된 정밀검진을 받습니다.

업무에 쓴 비용은 법인카드로 결제하고, 영수증을 결제일로부터 7일 이내에 '한빛온'에 올려야 합니다. 한 건에 50만 원을 넘는 지출은 사전에 본부장의 승인을 받아야 합니다. 출장 일비는 국내 출장 하루 3만 원, 해외 출장 하루 50달러입니다.""",
    ),
    (
        "제4장 정보 보안",
        """업무용 계정의 비밀번호는 12자 이상으로 하고, 영문 대소문자, 숫자, 특수문자를 섞어야 합니다. 비밀번호는 90일마다 바꿔야 하며, 최근에 쓴 다섯 개의 비밀번호는 다시 쓸 수 없습니다.

회사 노트북을 사무실 밖으로 가지고 나갈 때에는 보안팀에 미리 알려야 합니다. 노트북이나 휴대폰을 잃어버렸다면 24시간 이내에 보안팀(내선 4400)으로 신고해 주십시오. 보안팀은 원격으로 기기를 잠그고 데이터를 지웁니다.

개인 USB 저장장치는 회사 컴퓨터에 연결할 수 없습니다. 파일을 옮겨야 할 때에는 보안팀이 지급한 암호화 USB만 쓰십시오. 고객 데이터는 사내 클라우드인 '한빛드라이브'에만 저장하고, 개인 이메일이나 외부 클라우드로 보내지 않습니다.

모든 직원은 상반기와 하반기에 한 번씩, 연 2회 정보 보안 교육을 받아야 합니다. 교육을 마치지 않으면 사내 시스템 접근이 제한될 수 있습니다.""",
    ),
    (
        "제5장 출장",
        """국내 출장은 출발 3일 전까지, 해외 출장은 출발 2주 전까지 '한빛온'에서 출장 신청서를 올리고 팀장의 승인을 받아야 합니다. 급한 고객 대응처럼 미리 신청할 수 없는 경우에는 본부장에게 구두로 승인을 받고, 다녀온 다음 날까지 신청서를 올립니다.

숙박비는 실비로 정산하되 한도가 있습니다. 서울은 1박에 15만 원, 그 밖의 국내 지역은 1박에 10만 원까지입니다. 해외 숙박비 한도는 도시별 기준표를 따릅니다. 한도를 넘는 금액은 개인이 부담합니다.

항공권은 이코노미석을 기본으로 하며, 비행시간이 10시간 이상인 경우에는 프리미엄 이코노미석을 이용할 수 있습니다. 항공권과 호텔은 회사가 계약한 여행사를 통해 예약하는 것을 원칙으로 합니다.

출장에서 돌아오면 5영업일 이내에 출장 보고서를 작성하여 팀장에게 제출합니다. 보고서에는 만난 사람, 논의한 내용, 후속 조치를 적습니다. 출장 중 쓴 비용의 영수증도 보고서와 함께 올립니다.""",
    ),
    (
        "제6장 교육과 평가",
        """신규 입사자는 입사 첫 주에 5일 동안 온보딩 교육을 받습니다. 회사의 역사와 제품, 업무 도구, 보안 규정을 배우고, 생산 현장을 견학합니다. 모든 신규 입사자에게는 같은 팀의 선배가 멘토로 배정되며, 멘토링은 6개월 동안 이어집니다.

성과 평가는 1년에 두 번, 6월과 12월에 합니다. 직원은 먼저 자기 평가서를 쓰고, 팀장과 면담한 뒤 최종 등급이 정해집니다. 평가 등급은 S, A, B, C, D의 다섯 단계입니다. 평가 결과는 연봉 조정과 성과급 지급에 반영됩니다.

승진 심사는 매년 3월에 한 번 있습니다. 직급별 최소 근무 연수를 채우고 최근 두 번의 평가에서 B 이상을 받은 직원이 대상이 됩니다.

사내 강사로 강의를 하는 직원에게는 시간당 10만 원의 강사 수당을 드립니다. 외부 교육이나 학회 참가는 팀장 승인 후 교육비 전액을 회사가 부담합니다.""",
    ),
    (
        "제7장 사무실 생활",
        """본사 건물의 출입은 사원증으로 합니다. 사원증을 잃어버리면 총무팀에 알리고 재발급을 받으며, 재발급 비용 1만 원은 본인이 부담합니다. 방문객은 1층 안내 데스크에서 방문증을 받아야 합니다.

회의실은 '한빛온'에서 예약하며, 최대 2주 앞까지 예약할 수 있습니다. 예약하고 쓰지 않을 때에는 시작 30분 전까지 취소해 주십시오. 회의가 끝나면 화이트보드를 지우고 의자를 정리합니다.

구내식당은 지하 1층에 있습니다. 아침 식사는 오전 8시부터 9시까지, 점심 식사는 낮 11시 30분부터 오후 1시 30분까지 제공됩니다. 식사 비용은 식대 지원금에서 자동으로 빠집니다.

복장은 자유롭게 입되, 고객을 만나는 날에는 비즈니스 캐주얼을 권장합니다. 생산 현장에 들어갈 때에는 안전화와 안전모를 반드시 착용해야 합니다. 사무실에는 반려동물을 데려올 수 없습니다.""",
    ),
    (
        "제8장 퇴직 절차",
        """퇴직하려는 직원은 마지막 근무일의 30일 전까지 팀장에게 알리고, '한빛온'에서 퇴직 신청서를 제출합니다. 남은 연차는 퇴직일 전에 쓰는 것을 원칙으로 하며, 쓰지 못한 연차는 수당으로 정산합니다.

퇴직 전에는 인수인계서를 작성해 후임자와 팀장에게 넘겨야 합니다. 인수인계서에는 진행 중인 업무, 거래처 연락처, 문서의 위치를 적습니다.

노트북, 사원증, 법인카드 등 회사 물품은 마지막 근무일에 총무팀에 반납합니다. 보안팀은 같은 날 모든 업무 계정을 잠급니다.

퇴직금은 퇴직한 날부터 14일 이내에 지급합니다. 경력증명서와 원천징수영수증은 퇴직 후에도 '한빛온'의 퇴직자 메뉴에서 발급받을 수 있습니다.""",
    ),
]

MANUAL_TITLE = "AirPure 300 Air Purifier - User Manual"
MANUAL = [
    (
        "1. Safety and what is in the box",
        """Read these instructions before using the AirPure 300 and keep them for future reference.

Place the purifier on a flat, stable floor. Keep at least 30 cm (12 inches) of clearance on all sides so that air can flow freely into the inlets and out of the top outlet. Do not place it directly in front of a heater or an air conditioner.

Do not use the purifier in bathrooms or near water, and do not use it in rooms where the humidity is above 85%. Never insert fingers or objects into the outlet grille. Unplug the purifier before cleaning it or changing a filter.

Children should be supervised to ensure that they do not play with the appliance.

In the box you will find: the AirPure 300 purifier with a pre-installed HEPA H13 filter, a remote control with a CR2032 battery, a washable pre-filter, and a quick start guide. Remove all plastic wrapping from the filter before first use.""",
    ),
    (
        "2. Controls and modes",
        """The control panel on top of the unit has five buttons: Power, Fan, Timer, Lock and Wi-Fi.

Press Fan to step through the fan speeds: Sleep, 1, 2, 3 and Turbo. In Sleep mode the display dims and the fan runs at its quietest. In Auto mode the purifier reads its PM2.5 sensor every few seconds and chooses the fan speed itself. The ring light shows the air quality: blue means good (0 to 12 micrograms per cubic metre), yellow means moderate, and red means poor (above 55).

Child lock: hold the Lock button for 3 seconds to lock all buttons; hold it again for 3 seconds to unlock. The remote control still works while the panel is locked.

Timer: press Timer to switch the purifier off automatically after 2, 4 or 8 hours.

Wi-Fi: hold the Wi-Fi button for 5 seconds until the Wi-Fi icon blinks, then add the purifier in the Northwind Home app. The purifier works with 2.4 GHz networks only; 5 GHz networks are not supported.""",
    ),
    (
        "3. Filter care",
        """The AirPure 300 cleans the air in two stages: a washable pre-filter catches hair and large dust, and the HEPA H13 filter with an activated carbon layer captures fine particles and odours.

Pre-filter: vacuum it or rinse it under running water every 2 weeks. Let it dry completely before putting it back, because a damp pre-filter can grow mould.

HEPA filter: replace it every 6 to 8 months, or sooner if the purifier runs in a smoky or dusty place. When the filter needs replacing, the filter indicator turns red. Never wash the HEPA filter and never use a vacuum cleaner on it: water and suction damage the filter fibres.

To replace the filter: unplug the unit, turn the bottom cover anticlockwise, pull out the old filter, insert the new one with the pull tab facing out, and close the cover. Then plug the unit in and hold the Filter Reset button for 5 seconds until the indicator turns off.

Use genuine Northwind filters only. The replacement filter part number is NW-F300.""",
    ),
    (
        "4. Placement and room size",
        """The AirPure 300 draws air in through the inlets on all four sides and blows clean air out of the top, so the middle of the room is the best place for it. If it must stand near a wall, keep the clearance described in section 1.

For the fastest result, close doors and windows while the purifier runs. In a room of 20 m2 the AirPure 300 changes the air about five times an hour in Turbo mode; in a bigger room it changes it less often.

Do not place the purifier where it will be in direct sunlight for long periods: the sun can fade the plastic housing and confuse the light sensor that dims the display.

The purifier can be moved while it is running, but always carry it by the handle at the back, never by the top grille. Switch it off and unplug it before moving it to another room.

If you use the purifier together with a humidifier, keep them at least 1 metre apart. Mist from the humidifier makes the PM2.5 sensor report more particles than are really in the air.""",
    ),
    (
        "5. Sensors and the display",
        """The PM2.5 sensor on the right side measures fine particles in the air. A red light inside the sensor window is normal. Clean the sensor lens every 2 months with a dry cotton swab; never use water or alcohol on it.

The light sensor next to the display measures the brightness of the room. When the room is dark for 3 minutes, the display dims automatically; it brightens again when the lights are turned on.

The number on the display shows the PM2.5 reading in micrograms per cubic metre. Press and hold the Timer and Fan buttons together for 3 seconds to show the remaining filter life as a percentage instead; after 10 seconds the display returns to the PM2.5 reading.

The display can be switched off completely: press the Power and Lock buttons together. The purifier keeps running and the ring light stays off until either button is pressed again.

The sensor needs about 30 seconds to warm up after the purifier is switched on. During this time Auto mode runs the fan at speed 1.""",
    ),
    (
        "6. The Northwind Home app",
        """With the Northwind Home app on a phone you can switch the purifier on and off, change the fan speed and mode, set schedules, and see the air quality history for the last 30 days.

Schedules: the app can store up to 6 schedules, each with a start time, an end time, the days of the week and a fan mode. Schedules run even when the phone is switched off, because they are stored in the purifier.

Sharing: the owner of the purifier can invite up to 4 other people in the app. Invited people can control the purifier but cannot delete it or change its Wi-Fi settings.

Firmware updates are installed automatically at night between 2 and 4 a.m. when the purifier is idle. A firmware update takes about 5 minutes; do not unplug the purifier while the Wi-Fi icon flashes quickly.

To remove the purifier from your account, open its settings page in the app and choose Remove device. This also clears its Wi-Fi settings.""",
    ),
    (
        "7. Cleaning, storage and disposal",
        """Clean the outside of the purifier with a soft, dry cloth once a month. Dust on the inlets can be removed with the brush attachment of a vacuum cleaner. Do not use solvents, polish or spray cleaners on the housing.

If you will not use the purifier for a long time, clean the pre-filter, remove the HEPA filter and keep it in a sealed plastic bag, and store the purifier upright in a dry place. Take the battery out of the remote control.

Used filters can be disposed of with household waste. The purifier itself contains electronic parts and must not be thrown away with household waste: take it to a collection point for electrical equipment.

The remote control battery lasts about one year. Dispose of used batteries at a battery collection point, and keep new and used batteries away from children.""",
    ),
    (
        "8. Troubleshooting, specifications and warranty",
        """The purifier does not turn on: make sure the plug is firmly in the socket, and check that the filter cover is closed. A safety switch keeps the unit off while the cover is open.

The air still smells after a few days: the activated carbon layer may be saturated. Replace the filter.

The purifier is loud in Auto mode: the air quality is poor, so the fan runs faster. Close the windows, or choose Sleep mode at night.

The Wi-Fi icon keeps blinking: the purifier has not joined your network. Check that the network uses 2.4 GHz and that the password was entered correctly.

Specifications: clean air delivery rate (CADR) 300 m3/h; suitable for rooms up to 40 m2; noise 24 dB (Sleep) to 52 dB (Turbo); power 45 W; weight 6.2 kg.

Warranty: Northwind Home Appliances warrants the purifier for 2 years from the date of purchase. Filters are consumables and are not covered by the warranty. Support: support@northwind.example or 1-800-555-0199.""",
    ),
]


def _pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("Pagefold example set")
    pdf.set_producer("Pagefold make_docs.py")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 20, 20)
    return pdf


def _write(
    pdf: FPDF, title: str, sections: list[tuple[str, str]], font: str, wrap: WrapMode
) -> None:
    for number, (heading, body) in enumerate(sections, start=1):
        pdf.add_page()
        pdf.set_font(font, size=9)
        pdf.cell(0, 6, f"{title}  |  {number}", new_x="LMARGIN", new_y="NEXT", align="R")
        pdf.ln(4)
        pdf.set_font(font, size=15)
        pdf.multi_cell(0, 8, heading, wrapmode=wrap)
        pdf.ln(3)
        pdf.set_font(font, size=10.5)
        for paragraph in body.split("\n\n"):
            pdf.multi_cell(0, 5.6, paragraph, wrapmode=wrap)
            pdf.ln(2.5)
        if pdf.page != number or pdf.get_y() > pdf.h - 15:
            raise ValueError(f"{title}: section {number} does not fit on one page")


def make_handbook(path: Path) -> Path:
    pdf = _pdf(HANDBOOK_TITLE)
    pdf.add_font("NanumGothic", fname=str(KOREAN_FONT))
    _write(pdf, HANDBOOK_TITLE, HANDBOOK, "NanumGothic", WrapMode.CHAR)
    pdf.output(str(path))
    return path


def make_manual(path: Path) -> Path:
    pdf = _pdf(MANUAL_TITLE)
    _write(pdf, MANUAL_TITLE, MANUAL, "Helvetica", WrapMode.WORD)
    pdf.output(str(path))
    return path


def main() -> None:
    for made in (
        make_handbook(HERE / "hanbit-handbook.ko.pdf"),
        make_manual(HERE / "airpure-300-manual.en.pdf"),
    ):
        print(f"wrote {made.relative_to(HERE.parent.parent)} ({made.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
