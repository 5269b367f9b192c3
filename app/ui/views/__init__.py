"""Widgets and dialogs of the desktop window."""
