"""What the user does to a collection: create, rename, delete, its settings, add documents.

Kept out of the main window (issue 18: it had 59 methods and did all of this itself). Each
change runs in the ``index`` lane, the one writer of SQLite and Chroma: renaming or deleting a
collection rewrites both stores, which must neither freeze the window nor race an indexing job
that writes the same rows. The window only reloads its list on ``changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from app.ui.indexing_controller import IndexingController
from app.ui.models.collections import CollectionListModel
from app.ui.services import Services
from app.ui.views.indexing import FailuresDialog
from app.ui.views.sidebar import Sidebar
from app.ui.workers import TaskHub

if TYPE_CHECKING:
    from app.ui.views.collection_settings import CollectionSettingsDialog


class CollectionActions(QObject):
    """Sidebar and menu actions on collections, and the questions indexing asks the user."""

    changed = Signal()  # collections were created, renamed, deleted or re-indexed
    document_action = Signal(object)  # a summarize/translate request from the documents dialog

    def __init__(
        self,
        services: Services,
        hub: TaskHub,
        indexing: IndexingController,
        sidebar: Sidebar,
        collections: CollectionListModel,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._hub = hub
        self._indexing = indexing
        self._sidebar = sidebar
        self._collections = collections
        self._window = parent
        self._select_next: str | None = None  # selected once the list has reloaded
        collections.modelReset.connect(self._select_pending)
        self._connect()

    def _connect(self) -> None:
        """This controller answers the sidebar's collection menu and indexing's questions."""
        sb = self._sidebar
        sb.new_collection.connect(self.new)
        sb.collection_rename.connect(self.rename)
        sb.collection_delete.connect(self.delete)
        sb.add_documents.connect(self.add_documents)
        sb.add_folder.connect(self.add_folder)
        sb.show_documents.connect(self.show_documents)
        sb.collection_settings.connect(self.open_settings)
        sb.files_dropped.connect(self.index_paths)
        sb.indexing.failures_requested.connect(self.show_failures)
        self._indexing.password_requested.connect(self.ask_password)
        self._indexing.force_requested.connect(self.ask_force)

    # -- create, rename, delete ----------------------------------------------------------------

    def new(self) -> str | None:
        """Asks for a name; returns it (the collection appears once the index lane made it)."""
        name, ok = QInputDialog.getText(
            self._window, self.tr("New collection"), self.tr("Name of the new collection:")
        )
        name = name.strip()
        if not ok or not name:
            return None
        library = self._services.library
        self._in_index(lambda: library().create_collection(name), select=name)
        return name

    def rename(self, name: str) -> None:
        new, ok = QInputDialog.getText(
            self._window,
            self.tr("Rename collection"),
            self.tr("New name:"),
            QLineEdit.EchoMode.Normal,
            name,
        )
        new = new.strip()
        if ok and new and new != name:
            library = self._services.library
            self._in_index(lambda: library().rename_collection(name, new), select=new)

    def delete(self, name: str) -> None:
        """Asks first; the files on disk stay, only the index goes."""
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete collection"),
            self.tr(
                "Delete the collection “%1” and its index? Your files are not touched."
            ).replace("%1", name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            library = self._services.library
            self._in_index(lambda: library().delete_collection(name))

    def _in_index(self, job: Callable[[], object], select: str | None = None) -> None:
        def done(_result: object) -> None:
            self._select_next = select
            self.changed.emit()

        self._hub.call("index", job, on_result=done)

    def _select_pending(self) -> None:
        """The list reloaded after a create or rename: the new name becomes the selection.

        Deferred a turn, so it wins over the window re-selecting what was selected before the
        reload (selecting right after the job, as before, ran before the reload and was lost)."""
        name, self._select_next = self._select_next, None
        if name:
            QTimer.singleShot(0, lambda: self._sidebar.select_collection(name))

    # -- dialogs -------------------------------------------------------------------------------

    def open_settings(self, name: str) -> CollectionSettingsDialog:
        """The collection's LoRA adapter: shown, attached, detached (Settings… in its menu)."""
        from app.ui.views.collection_settings import CollectionSettingsDialog

        dialog = CollectionSettingsDialog(self._services, self._hub, name, self._window)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def show_documents(self, name: str) -> None:
        from app.ui.views.documents_dialog import DocumentsDialog

        dialog = DocumentsDialog(name, self._services, self._hub, self._window)
        dialog.changed.connect(self.changed)
        dialog.document_action.connect(self.document_action)
        dialog.open()

    def show_failures(self) -> None:
        FailuresDialog(self._indexing.failures, self._window).open()

    # -- adding documents ----------------------------------------------------------------------

    def target(self) -> str:
        """Where dropped files go: the selected collection, else the first, else a new one."""
        selected = self._sidebar.current_collection()
        if selected:
            return selected
        names = self._collections.names()
        return names[0] if names else self.tr("My documents")

    def index_paths(self, collection: str | None, paths: list[Path]) -> None:
        if paths:
            self._indexing.add(collection or self.target(), paths)

    def add_documents(self, collection: str | None = None) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Add documents"),
            "",
            self.tr("Documents (*.pdf *.txt *.md *.markdown *.docx *.html *.htm);;All files (*)"),
        )
        self.index_paths(collection, [Path(f) for f in files])

    def add_folder(self, collection: str | None = None) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Add a folder"))
        if folder:
            self.index_paths(collection, [Path(folder)])

    def ask_password(self, path: str) -> None:
        """An encrypted PDF: index it again with the password the user types."""
        report = self._indexing.last_report
        collection = report.collection if report else self.target()
        password, ok = QInputDialog.getText(
            self._window,
            self.tr("Password needed"),
            self.tr("“%1” is protected by a password. Enter it to index the file:").replace(
                "%1", Path(path).name
            ),
            QLineEdit.EchoMode.Password,
        )
        if ok and password:
            self._indexing.retry_with_password(collection, path, password)

    def ask_force(self, collection: str, path: str) -> None:
        """A file over ``indexing.max_text_chars``: index it only if the user wants to wait."""
        answer = QMessageBox.question(
            self._window,
            self.tr("Very long document"),
            self.tr(
                "“%1” holds more text than the indexing limit (%2 characters). Indexing it "
                "may take a long time and make searches slower. Index it anyway?"
            )
            .replace("%1", Path(path).name)
            .replace("%2", f"{self._services.settings.indexing.max_text_chars:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._indexing.retry_forced(collection, path)
