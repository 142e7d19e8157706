"""The layers contract of DESIGN.md §4: faces use domain apps; domain apps never import a face."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_import_linter_contract_holds():
    lint = Path(sys.executable).parent / "lint-imports"
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports")]
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([*command, "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
