"""Write the browser's Snowball stemmers: English and German only, cut from the npm package.

Usage: python scripts/vendor_snowball.py [OUTPUT]  (default docs/assets/javascripts/snowball-stemmers.js)

snowball-stemmers (pinned in package.json) ships every Snowball language in one 868 KB file; search
needs two, and loads them only when a reader starts searching. The file is served from the site
itself (no CDN) and is a plain script, so the offline copy can load it from file://. The result is
committed; tests/test_search_words.py checks that it is what this script writes from node_modules.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "snowball-stemmers"
OUTPUT = ROOT / "docs" / "assets" / "javascripts" / "snowball-stemmers.js"
LANGUAGES = ("english", "german")

HEADER = """/* Snowball's English and German stemmers for the catalogue's search, cut by
   scripts/vendor_snowball.py from snowball-stemmers {version} (npm; ISC licence, Oleg Mazko;
   https://github.com/mazko/jssnowball), a JavaScript port of the Snowball stemmers (BSD licence,
   https://snowballstem.org/). Do not edit: run the script. Exposes snowballFactory.newStemmer. */
"""


def vendored(source: str, version: str) -> str:
    """The package's file with only LANGUAGES' stemmers, leading spaces dropped."""
    blocks = list(re.finditer(r"^    var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$", source, re.M))
    factory = source.index("    function newStemmer(lng) {")
    kept = [source[: blocks[0].start()]]
    for i, block in enumerate(blocks):
        if block.group(1) in LANGUAGES:
            kept.append(source[block.start(): blocks[i + 1].start() if i + 1 < len(blocks) else factory])
    missing = set(LANGUAGES) - {b.group(1) for b in blocks}
    if missing:
        raise SystemExit(f"snowball-stemmers has no {', '.join(sorted(missing))} stemmer")
    table = ", ".join(f"{lang}: {lang}Stemmer" for lang in LANGUAGES)
    kept.append(source[factory:].replace(source[source.index("var stemMap = {", factory):
                                                source.index("};", source.index("var stemMap = {", factory)) + 2],
                                         "var stemMap = {" + table + "};", 1))
    body = "".join(kept)
    body = re.sub(r"function algorithms\(\) \{\s*return \[[^\]]*\];",
                  "function algorithms() {\n return " + repr(list(LANGUAGES)).replace("'", '"') + ";", body)
    lines = (line.strip() for line in body.splitlines())
    return HEADER.format(version=version) + "\n".join(line for line in lines if line) + "\n"


def main(argv: list[str]) -> int:
    import json

    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    source = (PACKAGE / "snowball-stemmers.js").read_text(encoding="utf-8")
    output = Path(argv[0]) if argv else OUTPUT
    output.write_text(vendored(source, version), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
