#!/usr/bin/env bash
# Measure importing body-camera footage against the physical limit, the copy itself:
#
#   packaging/bench-import.sh [SRC] [-- extra flags for lawdesk bench import]
#
# Without SRC it makes a 4 GB folder shaped like a body camera under /tmp (three large
# videos — real MP4s made by ffmpeg, padded with random data to ~1.15 GB each — and 400
# noisy 1920×1080 JPEG photos of ~1.3 MB), builds lawdesk and runs
#   lawdesk bench import SRC
# which times `cp -r SRC` + `sync`, `sha256sum` of every file and LawDesk's import side by
# side, alternating their order, and prints the ratios and the import's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

src=${1:-/tmp/lawdesk-bench-camera}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

if [ ! -d "$src" ]; then
  command -v ffmpeg >/dev/null || { echo "bench-import.sh: please install ffmpeg" >&2; exit 2; }
  echo "making a 4 GB camera folder in $src …"
  mkdir -p "$src/DCIM/100MEDIA" "$src/DCIM/101MEDIA"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc=size=1280x720:rate=25 \
    -t 2 -c:v mpeg4 -metadata creation_time=2026-08-05T01:00:00Z "$tmp/clip.mp4"
  pad=$((1150 * 1024 * 1024))
  for i in 1 2 3; do
    out="$src/DCIM/100MEDIA/DCAM_CAM001_000001_20260805_0${i}0000_IMP.MP4"
    cat "$tmp/clip.mp4" > "$out"
    # a 'free' box (size, "free", payload) keeps the file a valid MP4 of any size
    printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(((pad + 8) >> 24 & 255)) $(((pad + 8) >> 16 & 255)) \
      $(((pad + 8) >> 8 & 255)) $(((pad + 8) & 255)))free" >> "$out"
    head -c "$pad" /dev/urandom >> "$out"
  done
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i color=c=gray:s=1920x1080:r=1 \
    -vf noise=alls=60:allf=t -frames:v 400 -q:v 2 "$tmp/img_%03d.jpg"
  n=0
  for f in "$tmp"/img_*.jpg; do
    dir=100MEDIA; [ $((n % 2)) = 1 ] && dir=101MEDIA
    mv "$f" "$src/DCIM/$dir/IMG_20260805_$(printf '%02d%02d%02d' $((9 + n / 3600)) $((n / 60 % 60)) $((n % 60))).JPG"
    n=$((n + 1))
  done
  du -sh "$src"
fi

mkdir -p /tmp/lawdesk-bench-bin
go build -o /tmp/lawdesk-bench-bin/lawdesk ./app
/tmp/lawdesk-bench-bin/lawdesk bench import "$@" "$src"
