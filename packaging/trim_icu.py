"""Shrink the ICU data Qt carries (31 MB, every language of the world) to what the sidebar speaks:
Chinese and English, plus the locale-independent data (normalisation, collation, time zones), and to
what Qt reads at all. Run by build.spec on the built bundle; needs ICU's own tools (Debian's
icu-devtools: icupkg, genccode), binutils and a C compiler, and leaves the library as it was when
any step fails."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LANGUAGES = ("en", "zh")
_LOCALE_ITEM = re.compile(r"^(?:(?:curr|lang|region|zone|coll)/)?"
                          r"([a-z]{2,3}(?:_[A-Za-z0-9]+)*)\.res$")
_SHARED = {"root", "pool", "res_index"}
TOOLS = ("icupkg", "genccode", "objcopy", "gcc", "strip")


# Qt calls ICU only from QtCore, for collation, converters, calendars and time zones, and case mapping
# (the ucol_, ucnv_, ucal_ and u_strTo* functions libQt6Core imports): none of those reads break rules
# or word dictionaries (Qt breaks text itself), transliterators, spelled-out numbers, units, character
# names, spoofing checks, string preparation or IDNA (Qt has its own).
_UNREAD_FOLDERS = ("brkitr/", "translit/", "rbnf/", "unit/")
_UNREAD_ITEMS = {"unames.icu", "confusables.cfu", "uts46.nrm"}


def _removable(item: str) -> bool:
    if item.startswith(_UNREAD_FOLDERS) or item in _UNREAD_ITEMS or item.endswith(".spp"):
        return True
    locale = _LOCALE_ITEM.match(item)
    if locale:
        name = locale.group(1)
        return name not in _SHARED and name.split("_")[0] not in KEPT_LANGUAGES
    # Legacy character sets: the app reads and writes UTF-8 only.
    return item.endswith(".cnv")


def trim(library: Path) -> str:
    """Rewrite `library` (libicudataNN.so) in place; returns what happened, in one line."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"ICU data left whole ({', '.join(missing)} not installed)"
    version = re.search(r"libicudata\.so\.(\d+)", library.name)
    if version is None:
        return f"ICU data left whole ({library.name} is not a libicudata)"
    name = f"icudt{version.group(1)}"
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="assist-icu-") as work:
        folder = Path(work)
        try:
            data = folder / f"{name}l.dat"
            subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(data)],
                           check=True, capture_output=True)
            items = subprocess.run(["icupkg", "-l", str(data)], check=True, capture_output=True,
                                   text=True).stdout.split()
            removed = {item for item in items if _removable(item)}
            small = folder / "small.dat"
            # Some kept items name removed ones as their parents: keep those too, until none is missing.
            for _ in range(10):
                (folder / "remove.txt").write_text("\n".join(sorted(removed)) + "\n", encoding="utf-8")
                result = subprocess.run(["icupkg", "-r", "remove.txt", data.name, small.name], cwd=folder,
                                        capture_output=True, text=True, check=False)
                needed = set(re.findall(r"missing item (\S+)", result.stdout + result.stderr))
                if not needed:
                    break
                removed -= needed
            if not small.is_file():
                return "ICU data left whole (icupkg could not write the smaller package)"
            subprocess.run(["genccode", "-a", "gcc", "-e", name, small.name], cwd=folder, check=True,
                           capture_output=True)
            rebuilt = folder / library.name
            subprocess.run(["gcc", "-shared", "-o", str(rebuilt), "small_dat.S",
                            f"-Wl,-soname,{library.name}"], cwd=folder, check=True, capture_output=True)
            subprocess.run(["strip", "--strip-unneeded", str(rebuilt)], check=True, capture_output=True)
        except (subprocess.CalledProcessError, OSError) as error:
            return f"ICU data left whole ({error})"
        shutil.copyfile(rebuilt, library)
    return (f"ICU data trimmed to Chinese and English: {before / 2**20:.1f} MB -> "
            f"{library.stat().st_size / 2**20:.1f} MB ({len(removed)} of {len(items)} items removed)")


if __name__ == "__main__":
    print(trim(Path(sys.argv[1])))
