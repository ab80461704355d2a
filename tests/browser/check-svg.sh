#!/usr/bin/env bash
# Checks one SVG as a browser shows it: inlined in a page at a given width,
# no two <text> elements may overlap and none may leave the SVG's own box,
# and there is text at all; shown as an <img> (a data: URL, as a CMS would
# embed a file), it loads and paints more than a blank canvas. Markers
# (`g.mk`) that carry the projected point of their place (`data-x`,
# `data-y`) must be drawn within their radius of it (MOVED); on such a map
# no label (`text.lbl`) shown may say the same as another (TWICE); every marker's
# colour must be in the legend and every legend colour drawn (COLOUR;
# legend colours are the small circles outside markers, r < 8). The
# smallest text as rendered (SMALLEST, in CSS pixels) must be 10 px or more
# in a column up to 480 px wide (a phone) and 11 px or more wider (TINY).
#
#   tests/browser/check-svg.sh FILE.svg WIDTH [SCREENSHOT.png]
#
# Prints one line per problem and a summary; exits 0 when clean, 1 on an
# overlap or overflow, 2 when the page could not be checked. Needs a
# headless Chromium (Debian: apt-get install chromium); CHROMIUM overrides
# the binary. Generic on purpose: the map uses it too.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 FILE.svg WIDTH [SCREENSHOT.png]" >&2
    exit 2
fi
svg_file=$1
width=$2
shot=${3:-}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [[ -z "$browser" ]]; then
    echo "check-svg: no chromium found (apt-get install chromium)" >&2
    exit 2
fi
[[ -r "$svg_file" ]] || { echo "check-svg: cannot read $svg_file" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page="$work/page.html"
{
    printf '<!doctype html>\n<html><head><meta charset="utf-8">\n'
    printf '<style>body{margin:0;background:#fff}iframe{display:block;border:0}</style>\n'
    # The SVG is shown twice: as an <img> (a data: URL, as a CMS embeds a
    # file) and inline in a frame as wide as the column, whose viewport
    # is the column, as a phone's is: its media queries see that width.
    b64=$(base64 -w0 "$svg_file")
    printf '</head><body><img id="as-img" width="%s" alt="" src="data:image/svg+xml;base64,%s">\n' "$width" "$b64"
    printf '<iframe id="frame" width="%s" height="4000"></iframe>\n' "$width"
    printf '<script>var svgBase64 = "%s";</script>\n' "$b64"
    cat <<'HTML'
<pre id="trailmap-result"></pre>
<script>
function markerChecks(svg, out) {
  var colour = function (c) { return (c.getAttribute('fill') || '').toUpperCase(); };
  var drawn = {}, legend = {};
  svg.querySelectorAll('g.mk').forEach(function (g) {
    var cs = g.querySelectorAll('circle');
    if (!cs.length) return;
    var last = cs[cs.length - 1], fill = colour(cs[0]);
    // A ring (background fill, or a casing under it) shows its stroke.
    var c = (fill === '#FFFFFF' || colour(last) === 'NONE')
      ? (last.getAttribute('stroke') || '').toUpperCase() : fill;
    var title = g.querySelector('title');
    drawn[c] = title ? title.textContent.split('\n')[0] : 'marker';
    if (g.hasAttribute('data-x')) {
      var dx = last.cx.baseVal.value - parseFloat(g.getAttribute('data-x'));
      var dy = last.cy.baseVal.value - parseFloat(g.getAttribute('data-y'));
      if (Math.hypot(dx, dy) > last.r.baseVal.value + 0.01) {
        out.push('MOVED ' + drawn[c] + ' by ' + Math.hypot(dx, dy).toFixed(1));
      }
    }
  });
  svg.querySelectorAll('rect').forEach(function (r) {
    if (r.querySelector('title')) drawn[colour(r)] = 'bar';
  });
  svg.querySelectorAll('circle').forEach(function (c) {
    if (!c.closest('g.mk') && c.r.baseVal.value < 8) legend[colour(c)] = true;
  });
  Object.keys(drawn).forEach(function (c) {
    if (!legend[c]) out.push('COLOUR ' + c + ' drawn (' + drawn[c] + ') but not in the legend');
  });
  Object.keys(legend).forEach(function (c) {
    if (!(c in drawn)) out.push('COLOUR ' + c + ' in the legend but not drawn');
  });
  // A timeline names a town once per event; a map names each place once.
  if (!svg.querySelector('g.mk[data-x]')) return;
  var seen = {};
  svg.querySelectorAll('text.lbl').forEach(function (t) {
    if (t.getBoundingClientRect().width === 0) return;
    var k = t.textContent.trim();
    if (seen[k]) out.push('TWICE label ' + JSON.stringify(k));
    seen[k] = true;
  });
}
window.addEventListener('load', function () {
  var out = [];
  var img = document.getElementById('as-img');
  if (!img.complete || img.naturalWidth === 0) {
    out.push('ERROR the SVG does not load as an <img>');
  } else {
    var c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    var g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
    g.drawImage(img, 0, 0, c.width, c.height);
    try {
      var d = g.getImageData(0, 0, c.width, c.height).data, inked = 0;
      for (var k = 0; k < d.length; k += 4) {
        if (d[k] < 240 || d[k + 1] < 240 || d[k + 2] < 240) inked++;
      }
      var share = inked / (c.width * c.height);
      out.push((share < 0.01 ? 'ERROR blank' : 'IMG') + ' as <img>: ' +
        (100 * share).toFixed(1) + '% of pixels inked');
    } catch (e) {
      out.push('IMG as <img>: loaded ' + img.naturalWidth + 'x' + img.naturalHeight);
    }
  }
  var frame = document.getElementById('frame');
  var doc = frame.contentDocument, bytes = atob(svgBase64);
  var text = new TextDecoder().decode(Uint8Array.from(bytes, function (c) { return c.charCodeAt(0); }));
  doc.open();
  doc.write('<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}' +
    'body>svg{display:block;width:100%;height:auto}</style></head><body>' +
    text.replace(/^<\?xml[^>]*>/, '') + '</body></html>');
  doc.close();
  var svg = doc.querySelector('body > svg');
  if (!svg) { out.push('ERROR no svg element'); }
  else {
    var s = svg.getBoundingClientRect();
    var tol = 0.5;
    var boxes = [];
    svg.querySelectorAll('text').forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) boxes.push({ t: t.textContent.trim(), r: r });
    });
    function fmt(b) {
      return JSON.stringify(b.t) + ' [' + b.r.left.toFixed(1) + ',' + b.r.top.toFixed(1) +
        ' ' + b.r.width.toFixed(1) + 'x' + b.r.height.toFixed(1) + ']';
    }
    boxes.forEach(function (b, i) {
      if (b.r.left < s.left - tol || b.r.top < s.top - tol ||
          b.r.right > s.right + tol || b.r.bottom > s.bottom + tol) {
        out.push('OUTSIDE ' + fmt(b));
      }
      for (var j = i + 1; j < boxes.length; j++) {
        var c = boxes[j].r;
        if (b.r.left < c.right - tol && c.left < b.r.right - tol &&
            b.r.top < c.bottom - tol && c.top < b.r.bottom - tol) {
          out.push('OVERLAP ' + fmt(b) + ' ' + fmt(boxes[j]));
        }
      }
    });
    if (boxes.length === 0) out.push('ERROR no text');
    markerChecks(svg, out);
    var smallest = Infinity, scale = s.width / svg.viewBox.baseVal.width;
    svg.querySelectorAll('text').forEach(function (t) {
      if (t.getBoundingClientRect().width > 0) {
        smallest = Math.min(smallest, parseFloat(frame.contentWindow.getComputedStyle(t).fontSize) * scale);
      }
    });
    if (isFinite(smallest)) {
      var least = s.width <= 480 ? 10 : 11;
      out.push('SMALLEST text ' + smallest.toFixed(1) + 'px');
      // Rounded as reported: 11 px text is 10.99 px after scaling.
      if (Number(smallest.toFixed(1)) < least) {
        out.push('TINY text of ' + smallest.toFixed(1) + 'px, under ' + least + 'px at this width');
      }
    }
    out.push('SUMMARY texts=' + boxes.length + ' svg=' + s.width.toFixed(1) + 'x' + s.height.toFixed(1));
  }
  document.getElementById('trailmap-result').textContent =
    'TRAILMAP-CHECK-' + 'BEGIN\n' + out.join('\n') + '\nTRAILMAP-CHECK-' + 'END';
});
</script>
</body></html>
HTML
} > "$page"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run
    --hide-scrollbars --user-data-dir="$work/profile")
dump=$("$browser" "${flags[@]}" --window-size="$width",2000 --virtual-time-budget=2000 \
    --dump-dom "file://$page" 2>"$work/stderr" || true)
result=$(printf '%s\n' "$dump" | sed -n '/TRAILMAP-CHECK-BEGIN/,/TRAILMAP-CHECK-END/p' \
    | sed -e '1d' -e '$d' -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g')
if [[ -z "$result" ]]; then
    echo "check-svg: the page produced no result" >&2
    tail -5 "$work/stderr" >&2
    exit 2
fi

if [[ -n "$shot" ]]; then
    # Height from the viewBox, so the screenshot shows the whole graphic.
    read -r vw vh < <(grep -o 'viewBox="[^"]*"' "$svg_file" | head -1 | tr -d '"' | awk '{print $3, $4}')
    height=$(awk -v w="$width" -v vw="$vw" -v vh="$vh" 'BEGIN { printf "%d", w * vh / vw + 1 }')
    "$browser" "${flags[@]}" --window-size="$width,$height" --virtual-time-budget=2000 \
        --screenshot="$(realpath -m "$shot")" "file://$page" >/dev/null 2>&1 || true
fi

printf '%s\n' "$result" | sed "s|^|$(basename "$svg_file") @${width}px: |"
if printf '%s\n' "$result" | grep -qE '^(OVERLAP|OUTSIDE|ERROR|MOVED|TWICE|COLOUR|TINY)'; then
    exit 1
fi
exit 0
