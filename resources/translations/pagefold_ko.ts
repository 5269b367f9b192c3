<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/app.py" line="101"/>
        <source>Pagefold started with default settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="42"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="42"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="42"/>
        <source>On this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="43"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="43"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="78"/>
        <source>✕ Too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="79"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="80"/>
        <source>✓ Fits (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="83"/>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/catalog.py" line="83"/>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/ui/chat_controller.py" line="120"/>
        <source>Searching your documents…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="153"/>
        <source>Model that writes the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="154"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="155"/>
        <source>Show sources (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="156"/>
        <source>Show sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="170"/>
        <source>Search only (no model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="175"/>
        <source>Manage models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectionListModel</name>
    <message numerus="yes">
        <location filename="../../app/ui/models/collections.py" line="47"/>
        <source>%n document(s), %1 passages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/models/collections.py" line="51"/>
        <location filename="../../app/ui/models/collections.py" line="57"/>
        <source>%n document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/views/composer.py" line="98"/>
        <source>Ask about your documents…  (Enter sends, Shift+Enter adds a line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="100"/>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="141"/>
        <source>Stop (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/composer.py" line="145"/>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../app/ui/models/conversations.py" line="54"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="160"/>
        <location filename="../../app/ui/views/sources_pane.py" line="161"/>
        <source>Open in the default app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="162"/>
        <location filename="../../app/ui/views/sources_pane.py" line="163"/>
        <source>Close the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="187"/>
        <source>page %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="40"/>
        <source>Documents in “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="44"/>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="44"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="44"/>
        <source>Passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="44"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="51"/>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="53"/>
        <source>Remove from collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/documents_dialog.py" line="77"/>
        <source>%n document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="85"/>
        <source>Remove document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/documents_dialog.py" line="86"/>
        <source>Remove this document from the collection? The file itself is not touched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="244"/>
        <source>Ask your documents anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="247"/>
        <source>Every answer cites the page it comes from; click a [n] to see the passage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="251"/>
        <source>Drop PDFs or folders anywhere on this window, or add them to a collection. Everything stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="254"/>
        <source>Add documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="256"/>
        <source>Summarize the key points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="257"/>
        <source>What are the main conclusions?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="258"/>
        <source>List the important dates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="234"/>
        <source>Evaluate search and answers</source>
        <extracomment>``answerer_provider(library, collection, stack)``: an answerer for the loaded model, or None. ``job(request, judge_answers, cancel)``: the generator the worker runs (a seam for tests).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="236"/>
        <source>Collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="237"/>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="238"/>
        <source>Passages (k)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="239"/>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="243"/>
        <source>A .jsonl file: one question a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="244"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="245"/>
        <source>Also judge answers with the loaded model (slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="246"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="247"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="248"/>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="249"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="252"/>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="276"/>
        <source>Bundled example (Korean + English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="258"/>
        <source>Nothing (one run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="259"/>
        <source>Dense-only search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="260"/>
        <source>BM25-only search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="261"/>
        <source>Reranker off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="262"/>
        <source>The usual LangChain recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="307"/>
        <source>Questions file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="309"/>
        <source>Questions (*.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="334"/>
        <source>Choose a questions file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="341"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="361"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="378"/>
        <source>%1: indexing… %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="381"/>
        <source>%1: done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="383"/>
        <source>%1: question %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="403"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="432"/>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="440"/>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="432"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="472"/>
        <source>%1 questions, %2 judged for search, in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="481"/>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="483"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/evaluate_dialog.py" line="496"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailuresDialog</name>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="190"/>
        <source>Files that could not be indexed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="193"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="193"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="208"/>
        <source>Failed files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="212"/>
        <source>These files were skipped; the rest were indexed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndexingPanel</name>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="115"/>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="136"/>
        <source>Looking for files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="137"/>
        <source>Reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="138"/>
        <source>Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="139"/>
        <source>Finishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="146"/>
        <source>Indexing “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/indexing.py" line="148"/>
        <source>(%n more waiting)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="150"/>
        <source>Indexing stopped. Files already indexed were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="152"/>
        <source>“%1”: %2 added, %3 unchanged, %4 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="156"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="157"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="158"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="159"/>
        <source>Cancel indexing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/views/indexing.py" line="160"/>
        <source>Show %n failed file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/views/indexing.py" line="161"/>
        <location filename="../../app/ui/views/indexing.py" line="162"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="162"/>
        <source>Main panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="252"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="259"/>
        <source>Delete chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="260"/>
        <source>Delete this chat and its messages?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>Export chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="272"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="281"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="295"/>
        <source>New collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>Name of the new collection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="310"/>
        <source>Rename collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="311"/>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="319"/>
        <source>Delete collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="320"/>
        <source>Delete the collection “%1” and its index? Your files are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="339"/>
        <source>My documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="348"/>
        <source>Add documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="349"/>
        <source>Documents (*.pdf *.txt *.md *.markdown *.docx *.html *.htm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="353"/>
        <source>Add a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="373"/>
        <source>Password needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="374"/>
        <source>“%1” is protected by a password. Enter it to index the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="417"/>
        <source>This answer has no source [%1].</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="146"/>
        <location filename="../../app/ui/views/chat_view.py" line="168"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="147"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="148"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="149"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="155"/>
        <source>Passages from your documents (no model loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="172"/>
        <source>Your question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="173"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="181"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="183"/>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_view.py" line="203"/>
        <source>Sources (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <location filename="../../app/ui/model_controller.py" line="76"/>
        <source>Remote: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_controller.py" line="105"/>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_controller.py" line="136"/>
        <source>Pagefold stays in search-only mode.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="109"/>
        <location filename="../../app/ui/views/model_manager.py" line="238"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="110"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="111"/>
        <source>Use this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="112"/>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="113"/>
        <source>Import .gguf file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="114"/>
        <source>Import model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="115"/>
        <source>Model catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="117"/>
        <source>Looking at this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="138"/>
        <source>This computer: %1. ★ marks the recommended model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="160"/>
        <source>Non-commercial licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="161"/>
        <source>%1 may not be used commercially (%2). Download it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="183"/>
        <source>Installed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="189"/>
        <source>Download cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="215"/>
        <source>Import a model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="216"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="221"/>
        <source>Import a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="226"/>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/model_manager.py" line="231"/>
        <source>Imported %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="135"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="136"/>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="137"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="138"/>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="139"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="140"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="141"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="142"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="143"/>
        <location filename="../../app/ui/views/pdf_viewer.py" line="144"/>
        <source>Fit to width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="145"/>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="146"/>
        <source>PDF page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="176"/>
        <source>This PDF cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="186"/>
        <source>The passage&apos;s exact words were not found on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/pdf_viewer.py" line="242"/>
        <source>of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScopeButton</name>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="71"/>
        <location filename="../../app/ui/views/chat_page.py" line="98"/>
        <source>All collections</source>
        <extracomment>Model picker item data: a key understood by the window&apos;s model controller.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="96"/>
        <source>No collections yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/chat_page.py" line="102"/>
        <location filename="../../app/ui/views/chat_page.py" line="103"/>
        <source>Collections this chat searches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="54"/>
        <source>Settings</source>
        <extracomment>Where the chosen data folder is remembered (it cannot live inside the data folder itself).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="57"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="58"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="59"/>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="60"/>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="79"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="102"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="80"/>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="82"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="89"/>
        <source>A new data folder is used after Pagefold restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="93"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="104"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="94"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="99"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="98"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="105"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="99"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="100"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="113"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="139"/>
        <source>Passages per question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="117"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="155"/>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="118"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="140"/>
        <source>Passage size for new collections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="120"/>
        <source>Collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="121"/>
        <source>Passage size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="125"/>
        <source>Passage size per collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="135"/>
        <source>A new passage size applies when the collection&apos;s files are indexed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="151"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="165"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="156"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="166"/>
        <source>Longest answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="158"/>
        <source>Language of the question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="161"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="167"/>
        <source>Answer language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="163"/>
        <source>Empty: Pagefold&apos;s own instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="164"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="168"/>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="174"/>
        <source>Work offline (refuse every network connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="175"/>
        <source>Answer with a remote OpenAI-compatible server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="178"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="188"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="181"/>
        <location filename="../../app/ui/views/settings_dialog.py" line="189"/>
        <source>Model name on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="182"/>
        <source>Off by default. When on, your question and the passages found are sent to that server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/settings_dialog.py" line="248"/>
        <source>Choose the data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="193"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="194"/>
        <source>Start a new chat (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="195"/>
        <location filename="../../app/ui/views/sidebar.py" line="196"/>
        <source>Search chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="197"/>
        <source>CHATS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="198"/>
        <source>COLLECTIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="199"/>
        <location filename="../../app/ui/views/sidebar.py" line="200"/>
        <source>New collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="201"/>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="202"/>
        <source>Collections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="204"/>
        <source>No collections yet. Drop files here or use File › Add documents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="247"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="248"/>
        <source>Export as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="251"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="258"/>
        <source>New collection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="263"/>
        <source>Add documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="264"/>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="265"/>
        <source>Documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="267"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sidebar.py" line="268"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceListModel</name>
    <message>
        <location filename="../../app/ui/models/sources.py" line="50"/>
        <source>Source %1: %2, page %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/sources.py" line="53"/>
        <source>page %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="253"/>
        <location filename="../../app/ui/views/sources_pane.py" line="258"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="254"/>
        <source>Sources of an answer appear here. Click [n] in an answer to open the passage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/sources_pane.py" line="256"/>
        <location filename="../../app/ui/views/sources_pane.py" line="257"/>
        <source>Hide sources</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="40"/>
        <source>Detecting hardware…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="41"/>
        <source>Search only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="42"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="43"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="44"/>
        <source>Memory use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="66"/>
        <source>App memory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/status_bar.py" line="68"/>
        <source>model %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="132"/>
        <source>Welcome to Pagefold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="134"/>
        <source>Chat with your own documents, privately. Pagefold reads your PDFs and notes, finds the passages that answer your question and cites the exact page, all on this computer. Nothing is sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="138"/>
        <source>Drop in documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="139"/>
        <source>PDF, Word, Markdown, text and HTML files or whole folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="140"/>
        <source>Ask in Korean or English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="141"/>
        <source>Answers come in the language of your question.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="142"/>
        <source>Check every claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="143"/>
        <source>Click a [n] to open the page with the passage highlighted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="148"/>
        <source>Your computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="149"/>
        <source>Get a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="150"/>
        <location filename="../../app/ui/views/welcome.py" line="151"/>
        <source>Start in search-only mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="152"/>
        <source>Add documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="154"/>
        <source>Search-only mode answers with the best passages and their pages; add a model any time from the model picker to get written answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="186"/>
        <source>Looking at this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="190"/>
        <source>The hardware could not be detected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="192"/>
        <source>%1 with %2 GB of video memory, %3 GB of RAM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="197"/>
        <source>Apple silicon with %1 GB of unified memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="200"/>
        <source>No usable GPU; %1 GB of RAM. Small models run on the CPU, slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="204"/>
        <source>No catalog model fits this computer well; search-only mode works everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/views/welcome.py" line="208"/>
        <source>Recommended: %1 (%2, about %3 GB). %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/ui/window_actions.py" line="88"/>
        <source>About Pagefold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="89"/>
        <source>&lt;b&gt;Pagefold %1&lt;/b&gt;&lt;br&gt;Private, local chat with your own documents. Every answer cites its page; nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
