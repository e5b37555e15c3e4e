#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Régie and its tests need, only those missing.
#   scripts/install-system-deps.sh          everything the tests use (ffmpeg, ingest servers, chromium, …)
#   scripts/install-system-deps.sh --run    only what running the app needs (ffmpeg)
# Uses apt-get directly as root, sudo otherwise; on other systems it says what to install.
set -euo pipefail

declare -A need=(
  [ffmpeg]=ffmpeg
  [ffprobe]=ffmpeg
)
if [[ "${1:-}" != "--run" ]]; then
  need+=(
    [nginx]=nginx
    [srt-live-transmit]=srt-tools
    [icecast2]=icecast2
    [chromium]=chromium
    [Xvfb]=xvfb
    [pulseaudio]=pulseaudio
    [pactl]=pulseaudio-utils
    [ps]=procps
  )
fi

missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || [[ -x "/usr/bin/$cmd" ]] || missing+=("${need[$cmd]}")
done
# nginx's RTMP module is a package of its own.
if [[ "${1:-}" != "--run" ]] && ! ls /usr/lib/nginx/modules/ngx_rtmp_module.so >/dev/null 2>&1; then
  missing+=(libnginx-mod-rtmp)
fi
# Its stream module terminates TLS in front of nginx-rtmp for the RTMPS test; openssl makes the certificate.
if [[ "${1:-}" != "--run" ]] && ! ls /usr/lib/nginx/modules/ngx_stream_module.so >/dev/null 2>&1; then
  missing+=(libnginx-mod-stream)
fi
if [[ "${1:-}" != "--run" ]] && ! command -v openssl >/dev/null 2>&1; then
  missing+=(openssl)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Régie needs: ${missing[*]} (Debian/Ubuntu package names). Install them with your package manager." >&2
  exit 1
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Régie needs: ${missing[*]}. Run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "[regie] installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts nginx and icecast2 as services on install; the tests start their own instances.
$SUDO systemctl disable --now nginx icecast2 >/dev/null 2>&1 || true
