#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine or a developer box:
# the system libraries Qt loads, CJK fonts, Xvfb, then a .venv in the checkout.
# Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
    # Qt offscreen and xcb platform plugins
    libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
    libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
    # Chinese text renders as boxes without these
    fonts-noto-cjk
    # a virtual screen for running the sidebar on a machine without one
    xvfb
    # a real softphone (baresip with its ctrl_tcp event socket) and a SIP caller (sipp) for the
    # telephony integration tests
    baresip-core sip-tester
    # the desktop bundle: binutils strips its libraries, ICU's tools and a C compiler cut Qt's ICU data
    # to the languages the app speaks (packaging/trim_icu.py); C and C++ compilers and Python's headers
    # build numpy without a BLAS (below)
    binutils icu-devtools gcc g++ python3-dev
    # checks the menu entry (packaging/linux/assist.desktop) in the tests; xdg-mime and xdg-open
    # register and follow the assist:// URL handler, as a softphone's "open URL" does
    desktop-file-utils xdg-utils
    # the team tests start their own PostgreSQL server from its binaries when ASSIST_TEST_PG_URL names none
    postgresql
)

if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for package in "${debian_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing Debian packages: ${missing[*]}"
        sudo_cmd=()
        [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
else
    echo "Not a Debian system: install Qt's system libraries and a CJK font with your package manager." >&2
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.installed-pyproject
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
    .venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | grep -v '^WARNING: Location' || true
    .venv/bin/python -c "import assist, knowledge, PySide6, rapidfuzz, sqlalchemy, opencc, pypinyin"
    cp pyproject.toml "$stamp"
fi

# numpy's wheels carry OpenBLAS (26 MB with its Fortran runtime) for linear algebra the app never does:
# the search index only keeps arrays, counts, sorts and scatters them. The desktop bundle must stay small,
# so the venv gets numpy built from its source without a BLAS and for one CPU baseline (x86-64-v2 on PCs)
# rather than with a copy of each kernel per CPU generation. The search benchmarks show no difference.
# Built once per machine (about 3 minutes on 2 cores) and kept in the user's cache.
numpy_blas=$(.venv/bin/python -c "import numpy; print(numpy.__config__.CONFIG['Build Dependencies']['blas']['name'])")
if [ "$numpy_blas" != "none" ]; then
    numpy_version=$(.venv/bin/python -c "import numpy; print(numpy.__version__)")
    python_tag=$(.venv/bin/python -c "import sys; print(f'cp{sys.version_info[0]}{sys.version_info[1]}')")
    wheels="${XDG_CACHE_HOME:-$HOME/.cache}/agent-assist/numpy-without-blas"
    wheel=$(ls "$wheels"/numpy-"$numpy_version"-"$python_tag"-*.whl 2>/dev/null | head -n 1 || true)
    if [ -z "$wheel" ] || ! .venv/bin/python -m pip install -q --no-deps --force-reinstall "$wheel" 2>/dev/null; then
        echo "Building numpy $numpy_version without a BLAS (once per machine, a few minutes)"
        mkdir -p "$wheels"
        log="$wheels/build.log"
        rm -f "$wheels"/numpy-"$numpy_version"-"$python_tag"-*.whl
        if ! .venv/bin/python -m pip wheel --no-deps --no-binary numpy -w "$wheels" "numpy==$numpy_version" \
                -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true \
                -Csetup-args=-Dcpu-dispatch=none >"$log" 2>&1; then
            tail -n 20 "$log" >&2
            echo "setup: building numpy without a BLAS failed (full log: $log)" >&2
            exit 1
        fi
        wheel=$(ls "$wheels"/numpy-"$numpy_version"-"$python_tag"-*.whl | head -n 1)
        if ! installed=$(.venv/bin/python -m pip install -q --no-deps --force-reinstall "$wheel" 2>&1); then
            printf '%s\n' "$installed" >&2
            echo "setup: installing $wheel failed" >&2
            exit 1
        fi
    fi
    if ! .venv/bin/python -c "import numpy, sys; sys.exit(numpy.__config__.CONFIG['Build Dependencies']['blas']['name'] != 'none')"; then
        echo "setup: the venv's numpy still has a BLAS after installing $wheel" >&2
        exit 1
    fi
fi
