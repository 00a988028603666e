#!/usr/bin/env bash
# Debian packages flashgen's PDF output and its tests need: a Chinese font and
# fontconfig to find it; for the tests, poppler-utils to read PDFs back, a
# TrueType font (DejaVu) and WenQuanYi Micro Hei, a common Chinese font whose
# ǎ and ǚ are empty; for `build --audio`, espeak-ng (the offline Mandarin
# voice) and SoX with its MP3 format (trims, evens out and encodes the clips;
# its soxi reads them back in the tests). Safe to run twice; does nothing when
# everything is already installed.
set -euo pipefail
pkgs=(fonts-noto-cjk fontconfig poppler-utils fonts-dejavu-core fonts-wqy-microhei espeak-ng sox libsox-fmt-mp3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
