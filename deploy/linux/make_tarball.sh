#!/usr/bin/env bash
# dist/Encuentro-<version>-linux-<arch>.tar.gz from the PyInstaller folder (build.spec), with the
# .desktop file, the icon and a small installer. Run from the source root after pyinstaller.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
name="Encuentro-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a dist/Encuentro "$stage/$name"
cp deploy/linux/encuentro.desktop deploy/linux/install.sh "$stage/$name/"
cp assets/icons/encuentro.svg assets/icons/encuentro.png "$stage/$name/"
tar -C "$stage" -czf "dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1))"
