"""Print the files of a bundle that must stay executable: ELF programs and ``#!`` scripts.

Why: the .deb normalises permissions (lintian flags shared objects with the executable bit),
but torch's helper programs (torch_shm_manager) and the launcher must keep it.

    python executables.py BUNDLE_DIR
"""

from __future__ import annotations

import os
import stat
import struct
import sys
from pathlib import Path

PT_INTERP = 3


def is_elf_program(path: Path) -> bool:
    """An ELF file with a program interpreter is a program; shared objects have none."""
    with path.open("rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2:  # 64-bit only
            return False
        endian = "<" if head[5] == 1 else ">"
        phoff = struct.unpack_from(endian + "Q", head, 32)[0]
        phentsize, phnum = struct.unpack_from(endian + "HH", head, 54)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            p_type = struct.unpack(endian + "I", f.read(4))[0]
            if p_type == PT_INTERP:
                return ".so" not in path.name
    return False


def is_executable_script(path: Path) -> bool:
    if not os.stat(path).st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH):
        return False
    with path.open("rb") as f:
        return f.read(2) == b"#!"


def executables(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and not path.is_symlink()
            and (is_elf_program(path) or is_executable_script(path))
        ):
            found.append(path)
    return found


if __name__ == "__main__":
    for item in executables(Path(sys.argv[1])):
        print(item)
