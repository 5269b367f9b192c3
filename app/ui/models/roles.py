"""Custom item-data roles shared by the models and their delegates."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

RecordRole = _BASE + 1  # the plain-Python record behind a row
IdRole = _BASE + 2  # its id (conversation id, collection name, chunk id)
CountRole = _BASE + 3  # document count of a collection
StateRole = _BASE + 4  # "idle" | "queued" | "indexing" (collections); message state (chat)
ProgressRole = _BASE + 5  # 0..1 while a collection is being indexed
PassageRole = _BASE + 6  # the core Passage of a source row
NumberRole = _BASE + 7  # the [n] a source is cited as
CitedRole = _BASE + 8  # whether the answer cited this source
SnippetRole = _BASE + 9  # snippet HTML with the matched words highlighted
SubtitleRole = _BASE + 10  # a secondary line (dates, counts, page)
TextRole = _BASE + 11  # message text (Markdown)
AuthorRole = _BASE + 12  # "user" | "assistant"
SourcesRole = _BASE + 13  # the passages an answer was given
StatusRole = _BASE + 14  # a transient status line ("Searching your documents…")
ServerRole = _BASE + 15  # URL of the Chroma server holding a collection; None: embedded
