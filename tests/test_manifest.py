"""The committed lexicon manifest matches the files: a changed lexicon must come with a new manifest."""

from __future__ import annotations

import json

from framing.text.catalog import build_manifest, manifest_path


def test_manifest_matches_files():
    committed = json.loads(manifest_path().read_text(encoding="utf-8"))
    current = build_manifest()
    assert [f["file"] for f in committed["files"]] == [f["file"] for f in current["files"]]
    for old, new in zip(committed["files"], current["files"], strict=True):
        assert old == new, (
            f"{new['file']} changed without a manifest update (run: python -c "
            "'from framing.text.catalog import write_manifest; write_manifest()' and bump the file's version)"
        )


def test_every_bundled_file_has_version_and_licence():
    for f in build_manifest()["files"]:
        assert f["version"] and f["licence"] in {"MIT"}, f
        assert len(f["sha256"]) == 64 and f["entries"] > 0
