#!/usr/bin/env bash
# Regenerate the pictures in docs/images/ from real output, as a user's software shows it:
# decks through LibreOffice (as PowerPoint would open them), briefs through poppler.
# Needs: soffice (libreoffice-impress), pdftoppm (poppler-utils); Pillow comes with python-pptx.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1733011200
# LibreOffice must draw the decks with the bundled fonts, installed system-wide or not.
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$PWD/assets/fonts</dir>
  <cachedir>$work/fontconfig-cache</cachedir>
</fontconfig>
CONF
export FONTCONFIG_FILE="$work/fonts.conf" HOME="$work"
python3 -m generator build outline.yaml --out "$work" --quiet
soffice --headless --convert-to pdf --outdir "$work/decks" "$work"/outline.*.pptx >/dev/null 2>&1
for lang in ko en; do
  test -s "$work/decks/outline.$lang.pdf"  # soffice exits 0 even when it failed
  pdftoppm -png -r 36 "$work/decks/outline.$lang.pdf" "$work/deck-$lang"
  pdftoppm -png -r 30 "$work/outline.$lang.pdf" "$work/brief-$lang"
done
pdftoppm -png -r 110 -f 9 -l 9 -singlefile "$work/decks/outline.en.pdf" docs/images/slide
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/outline.ko.pdf" docs/images/brief-page
python3 - "$work" <<'PY'
import glob, sys
from PIL import Image

def sheet(pattern, out, cols):
    pages = [Image.open(f).convert("RGB") for f in sorted(glob.glob(pattern))]
    w, h = pages[0].size
    rows = -(-len(pages) // cols)
    canvas = Image.new("RGB", (cols * (w + 10) + 10, rows * (h + 10) + 10), (214, 219, 226))
    for i, page in enumerate(pages):
        canvas.paste(page, (10 + (i % cols) * (w + 10), 10 + (i // cols) * (h + 10)))
    canvas.save(out, optimize=True)

work = sys.argv[1]
for lang in ("ko", "en"):
    sheet(f"{work}/deck-{lang}-*.png", f"docs/images/deck-{lang}-sheet.png", 6)
    sheet(f"{work}/brief-{lang}-*.png", f"docs/images/brief-{lang}-sheet.png", 8)
PY
ls -la docs/images
