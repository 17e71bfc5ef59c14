#!/usr/bin/env bash
# Installs Agent Assist for the current user on a Linux desktop: the menu entry, the icon, and the
# handler of assist://call?number=... URLs (a softphone opens one to pop the caller's card). No root.
#
#   scripts/install_desktop.sh [PROGRAM]
#
# PROGRAM is the `assist` to start (default: this checkout's dist/assist/assist when built, else its
# .venv/bin/assist). Files go under $XDG_DATA_HOME (default ~/.local/share). Safe to run again.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"

if [[ $# -ge 1 ]]; then
    program=$1
elif [[ -x $checkout/dist/assist/assist ]]; then
    program=$checkout/dist/assist/assist
else
    program=$checkout/.venv/bin/assist
fi
if [[ ! -f $program || ! -x $program ]]; then
    echo "install_desktop: $program is not an executable file (run scripts/setup.sh, or give the path)" >&2
    exit 1
fi
program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"
case $program in
    *[\"\`\$\\%]* | *$'\n'*)
        echo "install_desktop: $program: a path with \" \` \$ \\ % or a newline cannot go in a .desktop Exec line" >&2
        exit 1 ;;
    *[!A-Za-z0-9/._+-]*) exec_program="\"$program\"" ;;  # spaces and the like: quoted, as the spec asks
    *) exec_program=$program ;;
esac

# The XDG base directory spec: an unset, empty or relative XDG_DATA_HOME means the default.
data_home=${XDG_DATA_HOME:-}
[[ $data_home == /* ]] || data_home=$HOME/.local/share
applications=$data_home/applications
icons=$data_home/icons/hicolor/scalable/apps
mkdir -p "$applications" "$icons"

desktop=$applications/assist.desktop
temporary=$(mktemp "$applications/.assist.desktop.XXXXXX")
trap 'rm -f "$temporary"' EXIT
while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line == Exec=* ]]; then
        printf 'Exec=%s %%u\n' "$exec_program"
    else
        printf '%s\n' "$line"
    fi
done <"$checkout/packaging/linux/assist.desktop" >"$temporary"
chmod 644 "$temporary"
mv -f "$temporary" "$desktop"
echo "installed $desktop (starts $program)"

install -m 644 "$checkout/resources/icons/assist.svg" "$icons/assist.svg"
echo "installed $icons/assist.svg"

if command -v xdg-mime >/dev/null 2>&1; then
    if xdg-mime default assist.desktop x-scheme-handler/assist; then
        echo "registered assist.desktop as the handler of assist:// URLs (xdg-mime)"
    else
        echo "install_desktop: warning: xdg-mime could not register the assist:// handler" >&2
    fi
else
    echo "install_desktop: warning: xdg-mime not found (Debian: apt install xdg-utils); assist:// URLs" \
         "are not registered until it runs: xdg-mime default assist.desktop x-scheme-handler/assist" >&2
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    if update-desktop-database "$applications"; then
        echo "updated the desktop database in $applications"
    else
        echo "install_desktop: warning: update-desktop-database failed in $applications" >&2
    fi
else
    echo "install_desktop: warning: update-desktop-database not found (Debian: apt install" \
         "desktop-file-utils); the menu may show the entry only after the next login" >&2
fi
