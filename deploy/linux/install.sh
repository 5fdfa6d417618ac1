#!/usr/bin/env bash
# Install the unpacked Encuentro folder to /opt/encuentro (run with sudo) or, without root,
# to ~/.local/opt/encuentro, with a menu entry and icon. Answers stay in each user's data
# folder (~/.local/share/Encuentro), which neither installing nor removing touches.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" = 0 ]; then
  target=/opt/encuentro; apps=/usr/share/applications; icons=/usr/share/icons/hicolor
else
  target="$HOME/.local/opt/encuentro"; apps="$HOME/.local/share/applications"
  icons="$HOME/.local/share/icons/hicolor"
fi
mkdir -p "$target" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
cp -a "$here/." "$target/"
sed "s|^Exec=.*|Exec=$target/Encuentro|" "$here/encuentro.desktop" > "$apps/encuentro.desktop"
cp "$here/encuentro.svg" "$icons/scalable/apps/encuentro.svg"
cp "$here/encuentro.png" "$icons/256x256/apps/encuentro.png"
echo "Encuentro installed in $target"
