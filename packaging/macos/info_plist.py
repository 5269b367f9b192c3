"""Info.plist entries of Pagefold.app (PyInstaller's BUNDLE fills in the executable and icon).

Why each: Korean and English localisations make Finder and the menu bar use Korean names on a
Korean system; high-resolution and non-Aqua flags give sharp text and dark mode; the minimum
system is what Qt 6.12 and torch's arm64 wheels support.
"""

from __future__ import annotations

from typing import Any


def settings(meta: Any) -> dict[str, Any]:
    """``meta`` is an ``appmeta.AppMeta``."""
    return {
        "CFBundleName": meta.name,
        "CFBundleDisplayName": meta.name,
        "CFBundleIdentifier": meta.rdns,
        "CFBundleShortVersionString": meta.short_version,
        "CFBundleVersion": meta.short_version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "ko"],
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": "13.0",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": f"Copyright {meta.copyright}",
        "NSPrincipalClass": "NSApplication",
        # Pagefold opens no network connection of its own; nothing to declare to App Review.
        "ITSAppUsesNonExemptEncryption": False,
    }
