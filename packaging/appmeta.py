"""The app's name, version and descriptions for installers, read from their one source each.

Version and licence come from ``pyproject.toml``; name, ids, summaries, descriptions, keywords,
categories, icon and vendor from ``resources/app.json``. Every installer file that needs them
(desktop entry, AppStream metainfo, Debian control, NSIS defines, macOS Info.plist) is rendered
from a template here, so a rename or a version bump is one edit.

Run as a script it prints or renders (used by the shell build scripts):

    python packaging/appmeta.py get version|deb_version|win_version|name|app_id|rdns
    python packaging/appmeta.py render TEMPLATE OUTPUT [KEY=VALUE ...]
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import string
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent

_PEP440 = re.compile(
    r"^(?P<release>\d+(?:\.\d+)*)(?:[-_.]?(?P<pre>a|b|rc)(?P<pre_n>\d+))?"
    r"(?:\.post(?P<post>\d+))?(?:\.dev(?P<dev>\d+))?(?:\+(?P<local>[a-z0-9.]+))?$"
)


@dataclass(frozen=True)
class AppMeta:
    """Everything an installer says about the app."""

    name: str
    app_id: str
    rdns: str
    version: str
    license: str
    summary: dict[str, str]
    generic_name: dict[str, str]
    description: dict[str, list[str]]
    keywords: dict[str, list[str]]
    desktop_categories: list[str]
    appstream_categories: list[str]
    icon: Path
    homepage: str
    vendor: str
    maintainer: str
    copyright: str
    torch_requirement: str = "torch"

    @property
    def deb_version(self) -> str:
        """PEP 440 to Debian ordering: pre-releases and dev builds sort before the release."""
        m = _parse(self.version)
        out = m["release"]
        if m["pre"]:
            out += f"~{m['pre']}{m['pre_n']}"
        if m["post"]:
            out += f"+post{m['post']}"
        if m["dev"]:
            out += f"~dev{m['dev']}"
        if m["local"]:
            out += f"+{m['local']}"
        return out

    @property
    def win_version(self) -> str:
        """Four numbers, as Windows version resources and NSIS ``VIProductVersion`` demand."""
        parts = [int(p) for p in _parse(self.version)["release"].split(".")][:4]
        return ".".join(str(p) for p in parts + [0] * (4 - len(parts)))

    @property
    def short_version(self) -> str:
        """Three numbers for macOS ``CFBundleShortVersionString``."""
        parts = _parse(self.version)["release"].split(".")[:3]
        return ".".join(parts + ["0"] * (3 - len(parts)))

    def values(self) -> dict[str, str]:
        """Template placeholders (``${name}``) for every rendered installer file."""
        return {
            "name": self.name,
            "app_id": self.app_id,
            "rdns": self.rdns,
            "version": self.version,
            "deb_version": self.deb_version,
            "win_version": self.win_version,
            "short_version": self.short_version,
            "license": self.license,
            "summary": self.summary["en"],
            "summary_ko": self.summary["ko"],
            "generic_name": self.generic_name["en"],
            "generic_name_ko": self.generic_name["ko"],
            "release_date": release_date().isoformat(),
            "release_rfc2822": email.utils.format_datetime(release_date()),
            "homepage": self.homepage,
            "vendor": self.vendor,
            "maintainer": self.maintainer,
            "copyright": self.copyright,
            "desktop_categories": "".join(f"{c};" for c in self.desktop_categories),
            "desktop_keywords": "".join(f"{k};" for k in self.keywords["en"]),
            "desktop_keywords_ko": "".join(f"{k};" for k in self.keywords["ko"]),
            "deb_description": self._deb_description(),
            "appstream_description": self._appstream_description(),
            "appstream_categories": "\n".join(
                f"    <category>{escape(c)}</category>" for c in self.appstream_categories
            ),
            "appstream_keywords": self._appstream_keywords(),
            "man_description": self._man_text(),
            "torch_requirement": self.torch_requirement,
        }

    def _deb_description(self) -> str:
        """Debian's extended description: one space of indent, `` .`` between paragraphs."""
        import textwrap

        blocks = [
            textwrap.fill(p, 78, initial_indent=" ", subsequent_indent=" ")
            for p in self.description["en"]
        ]
        return "\n .\n".join(blocks)

    def _appstream_description(self) -> str:
        lines = []
        for lang in ("en", "ko"):
            attr = "" if lang == "en" else f' xml:lang="{lang}"'
            lines += [f"      <p{attr}>{escape(p)}</p>" for p in self.description[lang]]
        return "\n".join(lines)

    def _appstream_keywords(self) -> str:
        lines = []
        for lang, words in self.keywords.items():
            attr = "" if lang == "en" else f' xml:lang="{lang}"'
            lines += [f"    <keyword{attr}>{escape(w)}</keyword>" for w in words]
        return "\n".join(lines)

    def _man_text(self) -> str:
        """Roff-safe paragraphs: a leading dot or backslash would be read as a request."""
        return "\n.PP\n".join(
            p.replace("\\", "\\e").replace("-", "\\-") for p in self.description["en"]
        )


def release_date() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` (reproducible builds), else the last commit's date, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(
                ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            epoch = ""
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def _parse(version: str) -> dict[str, str]:
    m = _PEP440.match(version)
    if not m:
        raise ValueError(f"version {version!r} in pyproject.toml is not PEP 440")
    return {k: v or "" for k, v in m.groupdict().items()}


def load(repo: Path = REPO) -> AppMeta:
    """Read pyproject.toml and resources/app.json of a checkout."""
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    app = json.loads((repo / "resources" / "app.json").read_text(encoding="utf-8"))
    lic = project.get("license", {})
    return AppMeta(
        name=app["name"],
        app_id=app["id"],
        rdns=app["rdns"],
        version=project["version"],
        license=lic.get("text", "") if isinstance(lic, dict) else str(lic),
        summary=app["summary"],
        generic_name=app["generic_name"],
        description=app["description"],
        keywords=app["keywords"],
        desktop_categories=app["desktop_categories"],
        appstream_categories=app["appstream_categories"],
        icon=repo / "resources" / app["icon"],
        homepage=app["homepage"],
        vendor=app["vendor"],
        maintainer=app["maintainer"],
        copyright=app["copyright"],
        torch_requirement=next(
            (d for d in project["dependencies"] if re.match(r"torch\s*[=<>~!]", d)), "torch"
        ),
    )


def render(
    template: Path, output: Path, meta: AppMeta | None = None, extra: dict[str, str] | None = None
) -> Path:
    """Fill ``${placeholders}``; an unknown placeholder is an error, never left in a package."""
    values = (meta or load()).values() | (extra or {})
    text = string.Template(template.read_text(encoding="utf-8")).substitute(values)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return output


_WIN_VERSION_INFO = """\
# UTF-8 - Windows version resource written by packaging/appmeta.py
VSVersionInfo(
  ffi=FixedFileInfo(filevers=({commas}), prodvers=({commas}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', {vendor!r}),
      StringStruct('FileDescription', {summary!r}),
      StringStruct('FileVersion', {version!r}),
      StringStruct('InternalName', {app_id!r}),
      StringStruct('LegalCopyright', {copyright!r}),
      StringStruct('OriginalFilename', {exe!r}),
      StringStruct('ProductName', {name!r}),
      StringStruct('ProductVersion', {version!r})])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200, 1042, 1200])])
  ]
)
"""


def write_win_version_info(meta: AppMeta, output: Path) -> Path:
    """The version resource PyInstaller stamps on pagefold.exe (Explorer's Details tab)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        _WIN_VERSION_INFO.format(
            commas=", ".join(meta.win_version.split(".")),
            vendor=meta.vendor,
            summary=meta.summary["en"],
            version=meta.version,
            app_id=meta.app_id,
            copyright=f"Copyright {meta.copyright}",
            exe=f"{meta.app_id}.exe",
            name=meta.name,
        ),
        encoding="utf-8",
    )
    return output


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "get":
        meta = load()
        value = meta.values().get(argv[1])
        if value is None:
            print(f"unknown key {argv[1]!r}", file=sys.stderr)
            return 2
        print(value)
        return 0
    if len(argv) >= 3 and argv[0] == "render":
        extra = dict(item.split("=", 1) for item in argv[3:])
        render(Path(argv[1]), Path(argv[2]), extra=extra)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
