#!/usr/bin/env bash
# Compile GOV.UK Frontend assets into ../static/govuk/ (committed output).
# Only needed when upgrading govuk-frontend or editing rcc.scss; the Django
# service, CI and users never need npm. Idempotent: outputs are rebuilt.
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="$(cd "$FRONTEND_DIR/.." && pwd)/static/govuk"
cd "$FRONTEND_DIR"

npm ci

PKG="node_modules/govuk-frontend"
DIST="$PKG/dist/govuk"
GOVUK_VERSION="$(node -p 'require("./node_modules/govuk-frontend/package.json").version')"
SASS_VERSION="$(npx sass --version)"

# Remove previous build outputs (init.js is hand-written and kept).
rm -rf "$OUT_DIR/rcc.css" "$OUT_DIR/govuk-frontend.min.js" \
       "$OUT_DIR/assets" "$OUT_DIR/VERSION"
mkdir -p "$OUT_DIR/assets"

npx sass --no-source-map --style=compressed --pkg-importer=node \
  rcc.scss "$OUT_DIR/rcc.css"

cp "$DIST/govuk-frontend.min.js" "$OUT_DIR/govuk-frontend.min.js"
cp -R "$DIST/assets/images" "$OUT_DIR/assets/images"
if [ -f "$DIST/assets/manifest.json" ]; then
  cp "$DIST/assets/manifest.json" "$OUT_DIR/assets/manifest.json"
fi
# Fonts are deliberately NOT copied: GDS Transport is for gov.uk only.

# Refuse to ship GDS Transport.
if grep -q -e '@font-face' -e 'GDS Transport' "$OUT_DIR/rcc.css"; then
  echo "build.sh: rcc.css contains @font-face / GDS Transport" >&2
  exit 1
fi

# Every url(...) in the CSS must resolve to a file under static/govuk/.
missing=0
while IFS= read -r url; do
  case "$url" in
    data:*) continue ;;
    /static/govuk/*) path="$OUT_DIR/${url#/static/govuk/}" ;;
    *) echo "build.sh: unexpected url in rcc.css: $url" >&2; missing=1; continue ;;
  esac
  path="${path%%[?#]*}"
  if [ ! -f "$path" ]; then
    echo "build.sh: rcc.css references missing file: $url" >&2
    missing=1
  fi
done < <(grep -o 'url([^)]*)' "$OUT_DIR/rcc.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' | sort -u)
[ "$missing" -eq 0 ] || exit 1

{
  echo "govuk-frontend $GOVUK_VERSION"
  echo "sass $SASS_VERSION"
  echo "built by frontend/build.sh; sha256 of outputs (paths relative to static/govuk/):"
  (cd "$OUT_DIR" && find . -type f ! -name VERSION ! -name init.js | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum)
} > "$OUT_DIR/VERSION"

echo "Built $OUT_DIR (govuk-frontend $GOVUK_VERSION, sass $SASS_VERSION)"
