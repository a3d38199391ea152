"""The walkthrough notebook runs from top to bottom (so it cannot rot) and is committed without outputs."""

from __future__ import annotations

import json

import pytest
from helpers import REPO

NOTEBOOK = REPO / "notebooks" / "walkthrough.ipynb"


def test_notebook_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, "strip outputs before committing"


@pytest.mark.slow
def test_notebook_executes():
    nbformat = pytest.importorskip("nbformat", reason="nbformat is a dev dependency")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is a dev dependency")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    html = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors and len(html) >= 5 and len(images) >= 4
