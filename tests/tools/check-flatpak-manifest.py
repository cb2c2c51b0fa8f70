#!/usr/bin/env python3
"""Checks the Flatpak manifest's shape, since no GNOME runtime can be fetched
here to build it: it parses, targets the GNOME runtime, keeps the sandbox
tight, and builds a module for every meson dependency the runtime lacks."""
import json
import pathlib
import re
import sys

# pkg-config names the org.gnome.Platform/Sdk runtime ships.
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gobject-2.0", "gtk4", "libadwaita-1", "libxml-2.0",
    "sqlite3", "zlib", "cairo", "pangocairo", "pango",
}
# pkg-config name -> the manifest module that provides it.
MODULE_FOR = {"opencc": "opencc", "xlsxwriter": "libxlsxwriter"}
ALLOWED_FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


top = pathlib.Path(sys.argv[1])
manifest_path = top / "flatpak" / "io.github.gongkai.Gongkai.json"
manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
check(True, f"{manifest_path.name} parses as JSON")

check(manifest.get("id") == "io.github.gongkai.Gongkai", "app id is io.github.gongkai.Gongkai")
check(manifest.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
check(re.fullmatch(r"\d+", version) is not None, f"runtime-version {version!r} is a stable release")
check(manifest.get("command") == "gongkai", "command is gongkai")
finish_args = set(manifest.get("finish-args", []))
check(finish_args == ALLOWED_FINISH_ARGS,
      "finish-args are exactly ipc, wayland, fallback-x11 and dri (files come through portals)")

modules = {m["name"]: m for m in manifest.get("modules", []) if isinstance(m, dict)}
names = [m["name"] for m in manifest.get("modules", []) if isinstance(m, dict)]
check(bool(names) and names[-1] == "gongkai", "the app module comes last")
app = modules.get("gongkai", {})
check(app.get("buildsystem") == "meson", "the app builds with meson")
check(app.get("run-tests") is True, "the app module runs its tests")

deps = set()
for build_file in top.rglob("meson.build"):
    if "build" in build_file.relative_to(top).parts[:1]:
        continue
    deps.update(re.findall(r"dependency\(\s*'([^']+)'", build_file.read_text(encoding="utf-8")))
check(bool(deps), f"meson dependencies found: {', '.join(sorted(deps))}")

for dep in sorted(deps - RUNTIME_PROVIDES):
    module_name = MODULE_FOR.get(dep)
    module = modules.get(module_name) if module_name else None
    check(module is not None, f"dependency {dep} (not in the runtime) is built by module {module_name}")
    if module is None:
        continue
    check(names.index(module_name) < names.index("gongkai"), f"module {module_name} builds before the app")
    sources = module.get("sources", [])
    pinned = [s for s in sources if s.get("type") == "git" and s.get("tag")
              and re.fullmatch(r"[0-9a-f]{40}", s.get("commit", ""))]
    check(bool(pinned), f"module {module_name} is pinned by git tag and commit")

sys.exit(1 if failures else 0)
