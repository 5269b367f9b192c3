<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/app.py" line="123"/>
        <source>Pagefold started with default settings.</source>
        <translation>Pagefold를 기본 설정으로 시작했습니다.</translation>
    </message>
</context>
<context>
    <name>AskFileController</name>
    <message>
        <location filename="../../app/ui/ask_file_controller.py" line="102"/>
        <source>Keep collection</source>
        <translation>컬렉션 유지</translation>
    </message>
    <message>
        <location filename="../../app/ui/ask_file_controller.py" line="103"/>
        <source>Name for the collection:</source>
        <translation>컬렉션 이름:</translation>
    </message>
</context>
<context>
    <name>AskFileOffer</name>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="63"/>
        <source>“%1” dropped on a new chat.</source>
        <translation>새 대화에 “%1” 파일을 놓았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="64"/>
        <source>Ask about this file</source>
        <translation>이 파일에 대해 묻기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="65"/>
        <source>Add to a collection</source>
        <translation>컬렉션에 추가</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="66"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="44"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="45"/>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="46"/>
        <source>On this computer</source>
        <translation>이 컴퓨터에서</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="47"/>
        <source>Licence</source>
        <translation>라이선스</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="48"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="82"/>
        <source>embedder</source>
        <translation>임베딩 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="82"/>
        <source>reranker</source>
        <translation>재순위 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="89"/>
        <source>✕ Too large</source>
        <translation>✕ 너무 큼</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="90"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="91"/>
        <source>✓ Fits (%1)</source>
        <translation>✓ 실행 가능 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="95"/>
        <source>Installed</source>
        <translation>설치됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="96"/>
        <source>Downloading…</source>
        <translation>내려받는 중…</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/ui/chat_controller.py" line="184"/>
        <source>Waiting for %1 to load…</source>
        <translation>%1 모델을 불러오는 중입니다. 기다리는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_controller.py" line="191"/>
        <source>Model loaded; working on it…</source>
        <translation>모델을 불러왔습니다. 답을 준비하는 중…</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="203"/>
        <source>Model that writes the answers</source>
        <translation>답변을 쓰는 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="204"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="205"/>
        <source>Show sources (Ctrl+Shift+S)</source>
        <translation>출처 보기 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="206"/>
        <source>Show sources</source>
        <translation>출처 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="221"/>
        <source>Search only (no model)</source>
        <translation>검색 전용 (모델 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="226"/>
        <source>Manage models…</source>
        <translation>모델 관리…</translation>
    </message>
</context>
<context>
    <name>ChatRequest</name>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="82"/>
        <source>Summarize: %1</source>
        <translation>요약: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="88"/>
        <source>Translate to Korean: %1</source>
        <translation>한국어로 번역: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="90"/>
        <source>Translate to English: %1</source>
        <translation>영어로 번역: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="122"/>
        <source>Summarize</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="123"/>
        <source>Translate to Korean</source>
        <translation>한국어로 번역</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="124"/>
        <source>Translate to English</source>
        <translation>영어로 번역</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="143"/>
        <source>Reading the document…</source>
        <translation>문서를 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="145"/>
        <source>Translating the document…</source>
        <translation>문서를 번역하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="147"/>
        <source>Writing the answer…</source>
        <translation>답을 쓰는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat_requests.py" line="148"/>
        <source>Searching your documents…</source>
        <translation>문서를 검색하는 중…</translation>
    </message>
</context>
<context>
    <name>CollectionActions</name>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="73"/>
        <source>New collection</source>
        <translation>새 컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="73"/>
        <source>Name of the new collection:</source>
        <translation>새 컬렉션 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="85"/>
        <source>Rename collection</source>
        <translation>컬렉션 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="86"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="99"/>
        <source>Delete collection</source>
        <translation>컬렉션 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="101"/>
        <source>Delete the collection “%1” and its index? Your files are not touched.</source>
        <translation>“%1” 컬렉션과 색인을 삭제할까요? 원본 파일은 그대로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="146"/>
        <source>My documents</source>
        <translation>내 문서</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="155"/>
        <source>Add documents</source>
        <translation>문서 추가</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="157"/>
        <source>Documents (*.pdf *.txt *.md *.markdown *.docx *.html *.htm);;All files (*)</source>
        <translation>문서 (*.pdf *.txt *.md *.markdown *.docx *.html *.htm);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="162"/>
        <source>Add a folder</source>
        <translation>폴더 추가</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="172"/>
        <source>Password needed</source>
        <translation>암호 필요</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="173"/>
        <source>“%1” is protected by a password. Enter it to index the file:</source>
        <translation>“%1” 파일은 암호로 보호되어 있습니다. 색인하려면 암호를 입력하세요:</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="185"/>
        <source>Very long document</source>
        <translation>매우 긴 문서</translation>
    </message>
    <message>
        <location filename="../../app/ui/collection_actions.py" line="187"/>
        <source>“%1” holds more text than the indexing limit (%2 characters). Indexing it may take a long time and make searches slower. Index it anyway?</source>
        <translation>“%1”에는 색인 한도(%2자)보다 많은 텍스트가 있습니다. 색인하는 데 오래 걸리고 검색이 느려질 수 있습니다. 그래도 색인할까요?</translation>
    </message>
</context>
<context>
    <name>CollectionDelegate</name>
    <message>
        <location filename="../../app/ui/views/delegates.py" line="112"/>
        <source>server</source>
        <translation>서버</translation>
    </message>
</context>
<context>
    <name>CollectionListModel</name>
    <message>
        <location filename="../../app/ui/models/collections.py" line="64"/>
        <source>on a Chroma server</source>
        <translation>Chroma 서버에 있음</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/models/collections.py" line="75"/>
        <source>%n document(s), %1 passages</source>
        <translation>
            <numerusform>문서 %n개, 구절 %1개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/models/collections.py" line="81"/>
        <source>Vectors on the Chroma server %1</source>
        <translation>벡터 저장 위치: Chroma 서버 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/models/collections.py" line="63"/>
        <location filename="../../app/ui/models/collections.py" line="71"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>문서 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionSettingsDialog</name>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="43"/>
        <source>Collection settings: %1</source>
        <translation>컬렉션 설정: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="51"/>
        <source>Answers from this collection are written with this LoRA adapter on the model; other collections keep the plain model. Add adapters with `pagefold models adapters add PATH --base MODEL`.</source>
        <translation>이 컬렉션의 답은 모델에 이 LoRA 어댑터를 얹어 씁니다. 다른 컬렉션은 기본 모델을 그대로 씁니다. 어댑터는 `pagefold models adapters add PATH --base MODEL`로 추가합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="59"/>
        <source>Detach</source>
        <translation>해제</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="62"/>
        <source>Attached:</source>
        <translation>연결됨:</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="63"/>
        <source>LoRA adapter:</source>
        <translation>LoRA 어댑터:</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="68"/>
        <source>Attach</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="91"/>
        <source>None (the plain model)</source>
        <translation>없음 (기본 모델)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/collection_settings.py" line="96"/>
        <source>None: answers come from the plain model</source>
        <translation>없음: 기본 모델이 답합니다</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/views/composer.py" line="101"/>
        <source>Ask about your documents…  (Enter sends, Shift+Enter adds a line)</source>
        <translation>문서에 대해 물어보세요…  (Enter 보내기, Shift+Enter 줄바꿈)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="103"/>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="144"/>
        <source>Stop (Esc)</source>
        <translation>중지 (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="148"/>
        <source>Send (Enter)</source>
        <translation>보내기 (Enter)</translation>
    </message>
</context>
<context>
    <name>ConversationActions</name>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="69"/>
        <source>Delete chat</source>
        <translation>대화 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="69"/>
        <source>Delete this chat and its messages?</source>
        <translation>이 대화와 메시지를 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="87"/>
        <source>JSON, with sources and model details (*.json)</source>
        <translation>JSON, 출처와 모델 정보 포함 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="90"/>
        <source>Export chat</source>
        <translation>대화 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="92"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="114"/>
        <source>Saved %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="124"/>
        <source>Chats can be exported as JSON only from the data folder.</source>
        <translation>채팅은 데이터 폴더에서만 JSON으로 내보낼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="131"/>
        <source>Import chat</source>
        <translation>대화 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_actions.py" line="131"/>
        <source>Pagefold chat (*.json)</source>
        <translation>Pagefold 대화 (*.json)</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../app/ui/models/conversations.py" line="54"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="170"/>
        <location filename="../../app/ui/views/sources_pane.py" line="171"/>
        <source>Open in the default app</source>
        <translation>기본 앱으로 열기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="172"/>
        <location filename="../../app/ui/views/sources_pane.py" line="173"/>
        <source>Close the document</source>
        <translation>문서 닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="197"/>
        <source>page %1</source>
        <translation>%1쪽</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="52"/>
        <source>Documents in “%1”</source>
        <translation>“%1”의 문서</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="56"/>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="56"/>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="56"/>
        <source>Passages</source>
        <translation>구절</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="56"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="64"/>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="68"/>
        <source>Remove from collection</source>
        <translation>컬렉션에서 제거</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="73"/>
        <source>Translate</source>
        <translation>번역</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/documents_dialog.py" line="110"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>문서 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="117"/>
        <source>waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="118"/>
        <source>indexing</source>
        <translation>색인 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="119"/>
        <source>indexed</source>
        <translation>색인됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="120"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="121"/>
        <source>duplicate</source>
        <translation>중복</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="170"/>
        <source>Remove from collection…</source>
        <translation>컬렉션에서 제거…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="180"/>
        <source>Remove document</source>
        <translation>문서 제거</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="181"/>
        <source>Remove this document from the collection? The file itself is not touched.</source>
        <translation>이 문서를 컬렉션에서 제거할까요? 파일 자체는 그대로 남습니다.</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="67"/>
        <source>Ask your documents anything</source>
        <translation>문서에 무엇이든 물어보세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="71"/>
        <source>Every answer cites the page it comes from; click a [n] to see the passage.</source>
        <translation>모든 답변은 출처 페이지를 밝힙니다. [n]을 누르면 해당 구절을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="77"/>
        <source>Drop PDFs or folders anywhere on this window, or add them to a collection. Everything stays on this computer.</source>
        <translation>PDF나 폴더를 창 아무 곳에나 끌어다 놓거나 컬렉션에 추가하세요. 모든 것이 이 컴퓨터에 남습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="81"/>
        <source>Add documents…</source>
        <translation>문서 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="85"/>
        <source>Summarize the key points</source>
        <translation>핵심 내용을 요약해 줘</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="86"/>
        <source>What are the main conclusions?</source>
        <translation>주요 결론은 무엇인가요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/empty_state.py" line="87"/>
        <source>List the important dates</source>
        <translation>중요한 날짜를 정리해 줘</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="135"/>
        <source>Evaluate search and answers</source>
        <extracomment>``answerer_provider(library, collection, stack)``: an answerer for the loaded model, or None. ``job(request, judge_answers, cancel)``: the generator the worker runs (a seam for tests).</extracomment>
        <translation>검색과 답변 평가</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="137"/>
        <source>Collection</source>
        <translation>컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="138"/>
        <source>Questions</source>
        <translation>질문</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="139"/>
        <source>Passages (k)</source>
        <translation>구절 수 (k)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="140"/>
        <source>Compare with</source>
        <translation>비교 대상</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="144"/>
        <source>A .jsonl file: one question a line</source>
        <translation>한 줄에 질문 하나씩 적은 .jsonl 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="145"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="146"/>
        <source>Also judge answers with the loaded model (slower)</source>
        <translation>불러온 모델로 답변도 평가 (더 느림)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="147"/>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="148"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="149"/>
        <source>Save report…</source>
        <translation>보고서 저장…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="150"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="153"/>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="182"/>
        <source>Bundled example (Korean + English)</source>
        <translation>기본 제공 예제 (한국어 + 영어)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="159"/>
        <source>Nothing (one run)</source>
        <translation>없음 (한 번 실행)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="160"/>
        <source>Dense-only search</source>
        <translation>벡터 검색만</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="161"/>
        <source>BM25-only search</source>
        <translation>BM25 검색만</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="162"/>
        <source>Reranker off</source>
        <translation>재순위 끄기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="163"/>
        <source>The usual LangChain recipe</source>
        <translation>일반적인 LangChain 구성</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="213"/>
        <source>Questions file</source>
        <translation>질문 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="215"/>
        <source>Questions (*.jsonl *.json);;All files (*)</source>
        <translation>질문 (*.jsonl *.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="240"/>
        <source>Choose a questions file first.</source>
        <translation>먼저 질문 파일을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="247"/>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="267"/>
        <source>Stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="291"/>
        <source>%1: indexing… %2</source>
        <translation>%1: 색인 중… %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="294"/>
        <source>%1: done</source>
        <translation>%1: 완료</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="296"/>
        <source>%1: question %2 of %3</source>
        <translation>%1: 질문 %3개 중 %2번째</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="307"/>
        <source>Stopped: the numbers cover the questions asked so far.</source>
        <translation>중지됨: 지금까지 물어본 질문까지만 집계했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="320"/>
        <source>Stopped.</source>
        <translation>중지했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="345"/>
        <source>Save report</source>
        <translation>보고서 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="347"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="360"/>
        <source>Saved %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>FailuresDialog</name>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="198"/>
        <source>Files that could not be indexed</source>
        <translation>색인하지 못한 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="201"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="201"/>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="216"/>
        <source>Failed files</source>
        <translation>실패한 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="220"/>
        <source>These files were skipped; the rest were indexed.</source>
        <translation>이 파일들은 건너뛰었고 나머지는 색인했습니다.</translation>
    </message>
</context>
<context>
    <name>IndexingPanel</name>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="114"/>
        <source>%1 of %2 files</source>
        <translation>파일 %2개 중 %1개</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="139"/>
        <source>Looking for files</source>
        <translation>파일 찾는 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="140"/>
        <source>Reading</source>
        <translation>읽는 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="141"/>
        <source>Embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="142"/>
        <source>Finishing</source>
        <translation>마무리 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="149"/>
        <source>Indexing “%1”</source>
        <translation>“%1” 색인 중</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/indexing.py" line="151"/>
        <source>(%n more waiting)</source>
        <translation>
            <numerusform>(%n개 대기 중)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="153"/>
        <source>Indexing stopped. Files already indexed were kept.</source>
        <translation>색인을 멈췄습니다. 이미 색인된 파일은 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="155"/>
        <source>“%1”: %2 added, %3 unchanged, %4 failed</source>
        <translation>“%1”: %2개 추가, %3개 변경 없음, %4개 실패</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="164"/>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="164"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="166"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="167"/>
        <source>Cancel indexing</source>
        <translation>색인 취소</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/indexing.py" line="168"/>
        <source>Show %n failed file(s)</source>
        <translation>
            <numerusform>실패한 파일 %n개 보기</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="169"/>
        <location filename="../../app/ui/views/indexing.py" line="170"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>LoadingBanner</name>
    <message>
        <location filename="../../app/ui/views/loading_banner.py" line="34"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/loading_banner.py" line="66"/>
        <source>Loading %1… %2 s</source>
        <translation>%1 불러오는 중… %2초</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>Main panes</source>
        <translation>주요 영역</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="310"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="328"/>
        <source>An answer is still being written: stop it first.</source>
        <translation>답변을 작성하는 중입니다. 먼저 답변을 중지하세요.</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="157"/>
        <location filename="../../app/ui/views/chat_view.py" line="181"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="158"/>
        <source>Edit</source>
        <translation>수정</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="159"/>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="160"/>
        <source>Sources</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="166"/>
        <source>Passages from your documents (no model loaded)</source>
        <translation>문서에서 찾은 구절 (모델 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="186"/>
        <source>Your question</source>
        <translation>내 질문</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="186"/>
        <source>Answer</source>
        <translation>답변</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="195"/>
        <source>Stopped.</source>
        <translation>중지했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="197"/>
        <source>Something went wrong.</source>
        <translation>문제가 생겼습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="217"/>
        <source>Sources (%1)</source>
        <translation>출처 (%1)</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <location filename="../../app/ui/model_controller.py" line="127"/>
        <source>Remote: %1</source>
        <translation>원격: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/model_controller.py" line="164"/>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/model_controller.py" line="228"/>
        <source>Pagefold stays in search-only mode.</source>
        <translation>Pagefold는 검색 전용 모드로 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="112"/>
        <location filename="../../app/ui/views/model_manager.py" line="286"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="113"/>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="114"/>
        <source>Use this model</source>
        <translation>이 모델 사용</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="115"/>
        <source>Cancel download</source>
        <translation>내려받기 취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="116"/>
        <source>Import .gguf file…</source>
        <translation>.gguf 파일 가져오기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="117"/>
        <source>Import model folder…</source>
        <translation>모델 폴더 가져오기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="118"/>
        <source>Model catalog</source>
        <translation>모델 카탈로그</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="120"/>
        <source>Looking at this computer…</source>
        <translation>이 컴퓨터를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="141"/>
        <source>This computer: %1. ★ marks the recommended model.</source>
        <translation>이 컴퓨터: %1. ★는 추천 모델입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="172"/>
        <source>Non-commercial licence</source>
        <translation>비상업용 라이선스</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="173"/>
        <source>%1 may not be used commercially (%2). Download it anyway?</source>
        <translation>%1은(는) 상업적으로 사용할 수 없습니다(%2). 그래도 내려받을까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="203"/>
        <source>Installed %1.</source>
        <translation>%1을(를) 설치했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="209"/>
        <source>Download cancelled.</source>
        <translation>내려받기를 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="240"/>
        <source>Search reranks with %1.</source>
        <translation>이제 검색 결과를 %1(으)로 재순위합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="242"/>
        <source>New collections use %1; change a collection&apos;s in Settings › Search.</source>
        <translation>새 컬렉션은 %1을(를) 사용합니다. 기존 컬렉션의 모델은 설정 › 검색에서 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="247"/>
        <source>Import a model file</source>
        <translation>모델 파일 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="247"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 모델 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="253"/>
        <source>Import a model folder</source>
        <translation>모델 폴더 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="263"/>
        <source>Checking %1 and converting it once into a 16-bit folder, so that later loads are fast (about %2 GB more on disk)…</source>
        <translation>%1을(를) 확인하고, 다음부터 빨리 불러오도록 16비트 폴더로 한 번 변환하는 중입니다(디스크를 약 %2GB 더 사용)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="270"/>
        <source>Checking %1…</source>
        <translation>%1 확인 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="279"/>
        <source>Imported %1.</source>
        <translation>%1을(를) 가져왔습니다.</translation>
    </message>
</context>
<context>
    <name>NetworkLogDialog</name>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="24"/>
        <source>Network log</source>
        <translation>네트워크 기록</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="28"/>
        <source>Pagefold made no connection to another machine.</source>
        <translation>Pagefold는 다른 컴퓨터에 연결한 적이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/network_log.py" line="31"/>
        <source>%n connection attempt(s); refused ones were blocked by the offline switch.</source>
        <translation>
            <numerusform>연결 시도 %n건. 거부된 연결은 오프라인 모드가 막은 것입니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="38"/>
        <source>Network connections</source>
        <translation>네트워크 연결</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="40"/>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="40"/>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="40"/>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="40"/>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="40"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="43"/>
        <source>allowed</source>
        <translation>허용됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/network_log.py" line="43"/>
        <source>refused</source>
        <translation>거부됨</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="138"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="139"/>
        <source>Previous page</source>
        <translation>이전 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="140"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="141"/>
        <source>Next page</source>
        <translation>다음 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="142"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="143"/>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="144"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="145"/>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="146"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="147"/>
        <source>Fit to width</source>
        <translation>너비에 맞추기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="148"/>
        <source>Page</source>
        <translation>페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="149"/>
        <source>PDF page</source>
        <translation>PDF 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="179"/>
        <source>This PDF cannot be opened.</source>
        <translation>이 PDF를 열 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="190"/>
        <source>The passage&apos;s exact words were not found on this page.</source>
        <translation>이 페이지에서 구절의 정확한 문구를 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="247"/>
        <source>of %1</source>
        <translation>/ %1</translation>
    </message>
</context>
<context>
    <name>ReembedDialog</name>
    <message>
        <location filename="../../app/ui/views/reembed_dialog.py" line="44"/>
        <source>Changing the embedding model</source>
        <translation>임베딩 모델 변경</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/reembed_dialog.py" line="49"/>
        <source>Re-embedding %1 with %2…</source>
        <translation>%1 컬렉션을 %2(으)로 다시 임베딩하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/reembed_dialog.py" line="53"/>
        <source>Search uses the old vectors until this is done.</source>
        <translation>완료될 때까지 검색에는 기존 벡터가 사용됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/reembed_dialog.py" line="82"/>
        <source>%1 of %2 passages. Search uses the old vectors until this is done.</source>
        <translation>구절 %2개 중 %1개 완료. 완료될 때까지 검색에는 기존 벡터가 사용됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/reembed_dialog.py" line="89"/>
        <source>Stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
</context>
<context>
    <name>RepairOffer</name>
    <message>
        <location filename="../../app/ui/views/repair.py" line="39"/>
        <source>Damaged collection</source>
        <translation>손상된 컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/repair.py" line="45"/>
        <source>Repair rebuilds only what is missing; your files are not touched.</source>
        <translation>복구는 빠진 부분만 다시 만듭니다. 원본 파일은 건드리지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/repair.py" line="47"/>
        <source>Repair</source>
        <translation>복구</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../app/ui/views/evaluation_results.py" line="142"/>
        <location filename="../../app/ui/views/evaluation_results.py" line="150"/>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluation_results.py" line="142"/>
        <source>Difference</source>
        <translation>차이</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluation_results.py" line="183"/>
        <source>%1 questions, %2 judged for search, in %3 s.</source>
        <translation>질문 %1개, 검색 평가 %2개, %3초 소요.</translation>
    </message>
</context>
<context>
    <name>ScopeButton</name>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="79"/>
        <source>No documents (chat with the model)</source>
        <extracomment>Model picker item data: a key understood by the window&apos;s model controller.</extracomment>
        <translation>문서 없음 (모델과 대화)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="85"/>
        <location filename="../../app/ui/views/chat_page.py" line="122"/>
        <source>All collections</source>
        <translation>모든 컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="118"/>
        <source>No documents</source>
        <translation>문서 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="120"/>
        <source>No collections yet</source>
        <translation>아직 컬렉션이 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="126"/>
        <location filename="../../app/ui/views/chat_page.py" line="127"/>
        <source>Collections this chat searches</source>
        <translation>이 대화에서 검색할 컬렉션</translation>
    </message>
</context>
<context>
    <name>SettingsActions</name>
    <message>
        <location filename="../../app/ui/settings_actions.py" line="113"/>
        <source>This version cannot change a collection&apos;s passage size yet; create a new collection with the size you want.</source>
        <translation>이 버전에서는 컬렉션의 구절 크기를 아직 바꿀 수 없습니다. 원하는 크기로 새 컬렉션을 만드세요.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="87"/>
        <source>Settings</source>
        <extracomment>Where the chosen data folder is remembered (it cannot live inside the data folder itself).</extracomment>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="90"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="91"/>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="92"/>
        <source>Answers</source>
        <translation>답변</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="93"/>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="115"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="144"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="116"/>
        <source>Change…</source>
        <translation>변경…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="118"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="126"/>
        <source>A new data folder is used after Pagefold restarts.</source>
        <translation>새 데이터 폴더는 Pagefold를 다시 시작한 뒤에 사용됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="129"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="146"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="131"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="139"/>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="137"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="147"/>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="140"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="141"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="155"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="204"/>
        <source>Passages per question</source>
        <translation>질문당 구절 수</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="159"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="221"/>
        <source> tokens</source>
        <translation> 토큰</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="160"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="205"/>
        <source>Passage size for new collections</source>
        <translation>새 컬렉션의 구절 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="162"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="206"/>
        <source>Reranker</source>
        <translation>재순위 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="163"/>
        <source>Automatic (the newest downloaded reranker)</source>
        <translation>자동 (가장 최근에 내려받은 재순위 모델)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="164"/>
        <source>Off</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="170"/>
        <source>Collection</source>
        <translation>컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="170"/>
        <source>Passage size</source>
        <translation>구절 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="170"/>
        <source>Embedding model</source>
        <translation>임베딩 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="176"/>
        <source>Passage size per collection</source>
        <translation>컬렉션별 구절 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="188"/>
        <source>Embedding model of %1</source>
        <translation>%1의 임베딩 모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="196"/>
        <source>A new passage size applies when the collection&apos;s files are indexed again. A new embedding model re-embeds the collection at once, with progress; search keeps the old vectors until it is done.</source>
        <translation>새 구절 크기는 컬렉션의 파일을 다시 색인할 때 적용됩니다. 새 임베딩 모델을 고르면 컬렉션을 바로 다시 임베딩하며 진행 상황을 보여 줍니다. 완료될 때까지 검색에는 기존 벡터가 사용됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="217"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="234"/>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="222"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="235"/>
        <source>Longest answer</source>
        <translation>최대 답변 길이</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="225"/>
        <source>Language of the question</source>
        <translation>질문의 언어</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="230"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="236"/>
        <source>Answer language</source>
        <translation>답변 언어</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="232"/>
        <source>Empty: Pagefold&apos;s own instructions</source>
        <translation>비워 두면 Pagefold 기본 지침 사용</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="233"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="237"/>
        <source>System prompt</source>
        <translation>시스템 프롬프트</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="243"/>
        <source>Work offline (refuse every network connection)</source>
        <translation>오프라인으로 작업 (모든 네트워크 연결 거부)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="244"/>
        <source>Answer with a remote OpenAI-compatible server</source>
        <translation>원격 OpenAI 호환 서버로 답변</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="247"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="262"/>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="250"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="263"/>
        <source>Model name on the server</source>
        <translation>서버의 모델 이름</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="253"/>
        <source>Off by default. When on, your question and the passages found are sent to that server.</source>
        <translation>기본값은 꺼짐입니다. 켜면 질문과 찾은 구절이 그 서버로 전송됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="354"/>
        <source>Choose the data folder</source>
        <translation>데이터 폴더 선택</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="206"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="207"/>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>새 대화 시작 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="208"/>
        <location filename="../../app/ui/views/sidebar.py" line="209"/>
        <location filename="../../app/ui/views/sidebar.py" line="210"/>
        <location filename="../../app/ui/views/sidebar.py" line="212"/>
        <source>Search chats</source>
        <translation>대화 검색</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="213"/>
        <source>CHATS</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="214"/>
        <source>COLLECTIONS</source>
        <translation>컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="215"/>
        <location filename="../../app/ui/views/sidebar.py" line="216"/>
        <source>New collection</source>
        <translation>새 컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="217"/>
        <source>Chats</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="218"/>
        <source>Collections</source>
        <translation>컬렉션</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="220"/>
        <source>No collections yet. Drop files here or use File › Add documents.</source>
        <translation>아직 컬렉션이 없습니다. 파일을 여기에 끌어다 놓거나 파일 › 문서 추가를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="264"/>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="267"/>
        <source>Export (Markdown or JSON)…</source>
        <translation>내보내기 (Markdown 또는 JSON)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="272"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="279"/>
        <source>New collection…</source>
        <translation>새 컬렉션…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="284"/>
        <source>Add documents…</source>
        <translation>문서 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="285"/>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="286"/>
        <source>Documents…</source>
        <translation>문서 목록…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="289"/>
        <source>Check for changes</source>
        <translation>변경 사항 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="294"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="297"/>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="298"/>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
</context>
<context>
    <name>SourceListModel</name>
    <message>
        <location filename="../../app/ui/models/sources.py" line="51"/>
        <source>Source %1: %2, page %3</source>
        <translation>출처 %1: %2, %3쪽</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/sources.py" line="57"/>
        <source>page %1</source>
        <translation>%1쪽</translation>
    </message>
</context>
<context>
    <name>SourcesController</name>
    <message>
        <location filename="../../app/ui/sources_controller.py" line="100"/>
        <source>This answer has no source [%1].</source>
        <translation>이 답변에는 출처 [%1]이(가) 없습니다.</translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="269"/>
        <location filename="../../app/ui/views/sources_pane.py" line="275"/>
        <source>Sources</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="271"/>
        <source>Sources of an answer appear here. Click [n] in an answer to open the passage.</source>
        <translation>답변의 출처가 여기에 표시됩니다. 답변의 [n]을 누르면 해당 구절이 열립니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="273"/>
        <location filename="../../app/ui/views/sources_pane.py" line="274"/>
        <source>Hide sources</source>
        <translation>출처 숨기기</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="42"/>
        <source>Detecting hardware…</source>
        <translation>하드웨어 확인 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="43"/>
        <source>Search only</source>
        <translation>검색 전용</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="44"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="45"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="46"/>
        <source>Memory use</source>
        <translation>메모리 사용량</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="70"/>
        <source>App memory %1</source>
        <translation>앱 메모리 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="72"/>
        <source>model %1</source>
        <translation>모델 %1</translation>
    </message>
</context>
<context>
    <name>TemporaryBar</name>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="108"/>
        <source>Temporary collection “%1” — deleted when you close Pagefold.</source>
        <translation>임시 컬렉션 “%1” — Pagefold를 닫으면 삭제됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="112"/>
        <source>Keep…</source>
        <translation>유지…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/ask_file.py" line="113"/>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="38"/>
        <source>This computer has an NVIDIA graphics card, but this Pagefold build uses only the CPU. Install the CUDA build (pagefold-cuda on Linux, the -cuda download on Windows) to answer several times faster on the GPU.</source>
        <translation>이 컴퓨터에는 NVIDIA 그래픽 카드가 있지만, 이 Pagefold 빌드는 CPU만 사용합니다. CUDA 빌드(Linux는 pagefold-cuda, Windows는 -cuda 다운로드)를 설치하면 GPU에서 몇 배 빠르게 답합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="144"/>
        <source>Welcome to Pagefold</source>
        <translation>Pagefold에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="147"/>
        <source>Chat with your own documents, privately. Pagefold reads your PDFs and notes, finds the passages that answer your question and cites the exact page, all on this computer. Nothing is sent anywhere.</source>
        <translation>내 문서와 비공개로 대화하세요. Pagefold는 PDF와 메모를 읽고, 질문에 답하는 구절을 찾아 정확한 페이지를 밝힙니다. 모든 작업은 이 컴퓨터에서 이루어지며 어디로도 전송되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="154"/>
        <source>Drop in documents</source>
        <translation>문서를 끌어다 놓기</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="155"/>
        <source>PDF, Word, Markdown, text and HTML files or whole folders.</source>
        <translation>PDF, Word, Markdown, 텍스트, HTML 파일이나 폴더 전체.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="158"/>
        <source>Ask in Korean or English</source>
        <translation>한국어나 영어로 질문</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="159"/>
        <source>Answers come in the language of your question.</source>
        <translation>질문한 언어로 답합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="162"/>
        <source>Check every claim</source>
        <translation>모든 주장을 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="163"/>
        <source>Click a [n] to open the page with the passage highlighted.</source>
        <translation>[n]을 누르면 해당 구절이 강조된 페이지가 열립니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="169"/>
        <source>Your computer</source>
        <translation>내 컴퓨터</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="170"/>
        <source>Get a model…</source>
        <translation>모델 받기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="171"/>
        <location filename="../../app/ui/views/welcome.py" line="172"/>
        <source>Start in search-only mode</source>
        <translation>검색 전용 모드로 시작</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="173"/>
        <source>Add documents…</source>
        <translation>문서 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="176"/>
        <source>Search-only mode answers with the best passages and their pages; add a model any time from the model picker to get written answers.</source>
        <translation>검색 전용 모드는 가장 관련 있는 구절과 페이지로 답합니다. 문장으로 된 답변이 필요하면 언제든 모델 선택에서 모델을 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="211"/>
        <source>Looking at this computer…</source>
        <translation>이 컴퓨터를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="215"/>
        <source>The hardware could not be detected.</source>
        <translation>하드웨어를 확인하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="218"/>
        <source>%1 with %2 GB of video memory, %3 GB of RAM.</source>
        <translation>%1, 비디오 메모리 %2GB, RAM %3GB.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="225"/>
        <source>Apple silicon with %1 GB of unified memory.</source>
        <translation>Apple 실리콘, 통합 메모리 %1GB.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="231"/>
        <source>No usable GPU; %1 GB of RAM. Small models run on the CPU, slowly.</source>
        <translation>사용할 수 있는 GPU가 없습니다. RAM %1GB. 작은 모델은 CPU에서 느리게 실행됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="239"/>
        <source>No catalog model fits this computer well; search-only mode works everywhere.</source>
        <translation>이 컴퓨터에 잘 맞는 카탈로그 모델이 없습니다. 검색 전용 모드는 어디서나 동작합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="244"/>
        <source>on the CPU</source>
        <translation>CPU에서 실행</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="247"/>
        <source>Recommended: %1 (%2, about %3 GB)</source>
        <translation>추천: %1 (%2, 약 %3GB)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/ui/window_actions.py" line="70"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="71"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="72"/>
        <source>&amp;Models</source>
        <translation>모델(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="73"/>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="74"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="79"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="80"/>
        <source>New collection…</source>
        <translation>새 컬렉션…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="81"/>
        <source>Add documents…</source>
        <translation>문서 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="82"/>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="85"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="86"/>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="87"/>
        <source>Show sources</source>
        <translation>출처 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="88"/>
        <source>Search chats</source>
        <translation>대화 검색</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="89"/>
        <source>Stop answering</source>
        <translation>답변 중지</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="90"/>
        <source>Manage models…</source>
        <translation>모델 관리…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="91"/>
        <source>Evaluate…</source>
        <translation>평가…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="92"/>
        <source>Network log…</source>
        <translation>네트워크 기록…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="94"/>
        <location filename="../../app/ui/window_actions.py" line="114"/>
        <source>About Pagefold</source>
        <translation>Pagefold 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="93"/>
        <source>Welcome page</source>
        <translation>시작 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="83"/>
        <source>Export chat (Markdown or JSON)…</source>
        <translation>대화 내보내기 (Markdown 또는 JSON)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="84"/>
        <source>Import chat (JSON)…</source>
        <translation>대화 가져오기 (JSON)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="116"/>
        <source>&lt;b&gt;Pagefold %1&lt;/b&gt;&lt;br&gt;Private, local chat with your own documents. Every answer cites its page; nothing leaves this computer.</source>
        <translation>&lt;b&gt;Pagefold %1&lt;/b&gt;&lt;br&gt;내 문서와 나누는 비공개 로컬 대화. 모든 답변이 출처 페이지를 밝히며, 어떤 데이터도 이 컴퓨터 밖으로 나가지 않습니다.</translation>
    </message>
</context>
</TS>
