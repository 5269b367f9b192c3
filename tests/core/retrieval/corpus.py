"""A small bilingual corpus with questions, written for these tests.

Each question's ``answer`` is a substring of exactly one passage. The passages are on unrelated
topics so that the wrong ones really are wrong, and Korean questions use other particles and
endings than their passages ("데비안의" / "데비안은"), as real questions do.
"""

from __future__ import annotations

# (document, page, text)
KOREAN = [
    (
        "debian-ko.pdf",
        1,
        "데비안의 릴리스 코드명은 모두 픽사의 애니메이션 영화 토이 스토리에 나오는 캐릭터 "
        "이름에서 가져왔습니다. 예를 들어 buzz, rex, woody, bookworm 등이 있으며, 불안정 "
        "배포판인 sid는 장난감을 부수는 옆집 아이의 이름입니다.",
    ),
    (
        "debian-ko.pdf",
        2,
        "특정 패키지가 업그레이드되지 않도록 보류하려면 apt-mark hold 명령을 쓰거나 "
        "dpkg --set-selections 로 상태를 hold로 바꾸면 됩니다. 보류를 풀 때는 apt-mark "
        "unhold를 사용합니다.",
    ),
    (
        "debian-ko.pdf",
        3,
        "지금 쓰고 있는 시스템이 데비안인지, 그리고 어느 버전인지 알고 싶다면 터미널에서 "
        "lsb_release -a 를 실행하세요. /etc/debian_version 파일에도 버전 번호가 적혀 "
        "있습니다.",
    ),
    (
        "debian-ko.pdf",
        4,
        "데비안 패키지 파일은 이름이 보통 .deb 로 끝나며, ar 아카이브 안에 제어 정보와 "
        "실제 설치될 파일들이 tar 형식으로 들어 있습니다.",
    ),
    (
        "history-ko.pdf",
        1,
        "훈민정음은 조선의 세종대왕이 1443년에 창제하고 1446년에 반포한 문자로, 백성이 "
        "쉽게 배워 쓸 수 있도록 만들어졌습니다. 오늘날 한글이라고 부릅니다.",
    ),
    (
        "history-ko.pdf",
        2,
        "조선 시대의 과거 제도는 문과, 무과, 잡과로 나뉘었으며, 관리를 뽑기 위해 정기적으로 "
        "치러졌습니다. 합격자는 홍패를 받았습니다.",
    ),
    (
        "cooking-ko.pdf",
        1,
        "라면을 맛있게 끓이려면 냄비에 물 550밀리리터를 붓고 끓인 다음, 면과 분말 스프를 "
        "넣고 4분 30초 동안 더 끓입니다. 취향에 따라 달걀이나 파를 넣어도 좋습니다.",
    ),
    (
        "cooking-ko.pdf",
        2,
        "김치를 담글 때는 배추를 소금물에 여덟 시간 정도 절인 뒤 깨끗이 헹구고, 고춧가루, "
        "마늘, 젓갈로 만든 양념을 골고루 바릅니다.",
    ),
    (
        "cooking-ko.pdf",
        3,
        "커피를 핸드드립으로 내릴 때는 90도에서 96도 사이의 물을 쓰고, 원두 15그램에 물 "
        "250밀리리터 정도가 알맞습니다.",
    ),
    (
        "life-ko.pdf",
        1,
        "시립 도서관에서는 한 사람이 책을 다섯 권까지 빌릴 수 있고, 대출 기간은 2주입니다. "
        "예약자가 없으면 한 번 연장할 수 있습니다.",
    ),
    (
        "life-ko.pdf",
        2,
        "은행에서 계좌를 새로 만들려면 신분증과 재직 증명서 같은 금융 거래 목적 확인 서류를 "
        "가져가야 합니다.",
    ),
    (
        "life-ko.pdf",
        3,
        "택배를 반송하려면 받은 날로부터 일주일 안에 판매자에게 반품을 신청하고, 상자를 원래 "
        "포장 상태로 돌려보내야 합니다.",
    ),
    (
        "life-ko.pdf",
        4,
        "스마트폰 배터리를 오래 쓰려면 완전히 방전시키지 말고 20퍼센트에서 80퍼센트 사이로 "
        "충전해 두는 것이 좋습니다. 높은 온도도 배터리 수명을 줄입니다.",
    ),
    (
        "travel-ko.pdf",
        1,
        "제주도의 한라산은 높이가 1947미터로 남한에서 가장 높은 산이며, 정상에는 백록담이라는 "
        "분화구 호수가 있습니다.",
    ),
    (
        "travel-ko.pdf",
        2,
        "서울 지하철은 1974년에 1호선이 처음 개통되었고, 지금은 수도권 전철과 이어져 하루 "
        "수백만 명이 이용합니다.",
    ),
    (
        "travel-ko.pdf",
        3,
        "등산을 갈 때는 물, 간단한 간식, 비옷, 여벌 옷, 그리고 휴대폰 보조 배터리를 챙기는 "
        "것이 좋습니다.",
    ),
]

ENGLISH = [
    (
        "r-data.pdf",
        14,
        "Function read.fwf provides a simple way to read fixed-width-format files where each "
        "field has a fixed width. It is a wrapper around read.table.",
    ),
    (
        "r-data.pdf",
        18,
        "Package foreign provides write.foreign, which exports data frames to SAS, SPSS and "
        "Stata together with the code needed to read them back.",
    ),
    (
        "r-data.pdf",
        12,
        "If a file has lines with the wrong number of fields, count.fields reports how many "
        "fields each line has, which helps to find the bad lines.",
    ),
    (
        "bread.pdf",
        3,
        "A sourdough starter must be fed flour and water every day; keep it at room temperature "
        "and discard half before each feeding.",
    ),
    (
        "biology.pdf",
        7,
        "Photosynthesis turns light energy into chemical energy: plants take in carbon dioxide "
        "and water and release oxygen.",
    ),
    (
        "paris.pdf",
        2,
        "The Eiffel Tower was completed in 1889 for the World's Fair and is about 330 metres "
        "tall including its antennas.",
    ),
    (
        "git.pdf",
        5,
        "git rebase moves a branch so that it starts from a new base commit, replaying its "
        "commits one by one on top of it.",
    ),
    (
        "running.pdf",
        9,
        "Marathon training plans usually last sixteen to twenty weeks and build the weekly "
        "long run gradually up to about 32 kilometres.",
    ),
    (
        "tea.pdf",
        1,
        "Green tea should be brewed with water at around 80 degrees Celsius for two to three "
        "minutes; boiling water makes it bitter.",
    ),
    (
        "cars.pdf",
        4,
        "Electric cars can be charged at home overnight from a wall box, while DC fast chargers "
        "fill most batteries to 80 percent in about thirty minutes.",
    ),
]

# (question, a substring of the one passage that answers it)
KOREAN_QUESTIONS = [
    ("데비안 배포판의 코드명은 어디에서 왔나요?", "토이 스토리"),
    ("패키지를 업그레이드하지 않고 보류하는 방법은?", "apt-mark hold"),
    ("내 시스템이 데비안이고 몇 버전인지 확인하는 명령은?", "lsb_release -a"),
    ("한글은 누가 언제 만들었나요?", "세종대왕이 1443년"),
    ("라면 끓일 때 물은 얼마나 넣나요?", "550밀리리터"),
    ("도서관 책의 대출 기간은 얼마인가요?", "대출 기간은 2주"),
    ("한라산의 높이는?", "1947미터"),
]

ENGLISH_QUESTIONS = [
    ("Which function reads fixed-width-format files in R?", "read.fwf"),
    ("Which formats can write.foreign export to?", "SAS, SPSS and"),
    ("What function helps investigate lines with the wrong number of fields?", "count.fields"),
    ("How hot should the water be for green tea?", "80 degrees"),
    ("When was the Eiffel Tower finished?", "1889"),
]
