"""Import a script of ``scripts/`` as a module in tests (scripts are no package; some import each other,
so ``scripts/`` goes on ``sys.path`` first)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(filename: str, name: str | None = None) -> ModuleType:
    """``scripts/<filename>`` imported and registered as module ``name`` (default: the file's stem)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    module_name = name or Path(filename).stem
    spec = importlib.util.spec_from_file_location(module_name, SCRIPTS / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
