# dmgbuild settings for the Pagefold disk image (https://dmgbuild.readthedocs.io).
#
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/Pagefold.app \
#       Pagefold dist/Pagefold-<version>-macos-arm64.dmg
#
# The classic layout: the app on the left, an Applications link on the right, drag to install.
# dmgbuild runs only on macOS (it drives hdiutil); this file is read by dmgbuild with `defines`.
import os.path

application = defines.get("app", "dist/Pagefold.app")  # noqa: F821 - provided by dmgbuild
appname = os.path.basename(application)

format = "ULFO"  # LZFSE: smaller and faster to open than UDZO; macOS 10.11+
filesystem = "APFS"
size = None  # computed from the contents
files = [application]
symlinks = {"Applications": "/Applications"}
icon_locations = {appname: (150, 150), "Applications": (450, 150)}
background = "builtin-arrow"
window_rect = ((200, 200), (600, 340))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
icon_size = 128
text_size = 14
