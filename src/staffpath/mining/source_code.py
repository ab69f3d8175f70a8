"""What source files say, by their language's conventions: whether a path is a test or code
that should have one, and a module's functions, public names and imports (Python through its
parser, TypeScript and JavaScript through patterns). Plain text in, facts out: no git here.
"""

from __future__ import annotations

import ast
import re
import threading
from pathlib import PurePosixPath

PY = frozenset({".py"})
TS = frozenset({".ts", ".tsx", ".mts", ".cts"})
JS = frozenset({".js", ".jsx", ".mjs", ".cjs"})
OTHER_SOURCE = frozenset({".go", ".java", ".kt", ".swift", ".rb"})
TEST_DIRS = frozenset({"test", "tests", "__tests__", "spec", "specs", "testing"})
NOT_MODULES = frozenset({"__init__.py", "conftest.py", "setup.py", "__main__.py"})


# --- naming conventions for tests ------------------------------------------------------------


def is_test_file(path: str) -> bool:
    """Whether a path is a test by its language's naming convention."""
    p = PurePosixPath(path)
    name, ext = p.name, p.suffix
    if ext in PY:
        return name.startswith("test_") or name.endswith("_test.py")
    if ext in TS | JS:
        return bool(re.search(r"\.(?:test|spec)\.[cm]?[jt]sx?$", name)) or "__tests__" in p.parts
    if ext == ".go":
        return name.endswith("_test.go")
    if ext in (".java", ".kt", ".swift"):
        return bool(re.search(r"Tests?\.(?:java|kt|swift)$", name))
    if ext == ".rb":
        return name.endswith(("_spec.rb", "_test.rb"))
    return False


def test_subjects(path: str) -> set[str]:
    """The source file names a test file is named after ("test_cart.py" -> "cart.py")."""
    p = PurePosixPath(path)
    name, ext = p.name, p.suffix
    out: set[str] = set()
    if ext in PY:
        if name.startswith("test_"):
            out.add(name.removeprefix("test_"))
        if name.endswith("_test.py"):
            out.add(name.removesuffix("_test.py") + ".py")
    elif ext in TS | JS:
        m = re.match(r"(.+)\.(?:test|spec)(\.[cm]?[jt]sx?)$", name)
        stem = m.group(1) if m else p.stem
        out |= {stem + e for e in TS | JS}
    elif ext == ".go":
        out.add(name.removesuffix("_test.go") + ".go")
    elif ext in (".java", ".kt", ".swift"):
        m = re.match(r"(.+?)Tests?(\.\w+)$", name)
        if m:
            out.add(m.group(1) + m.group(2))
    elif ext == ".rb":
        out.add(re.sub(r"_(?:spec|test)\.rb$", ".rb", name))
    return out


def is_source_file(path: str) -> bool:
    """Code that should have a test: a known language, not a test, not test support."""
    p = PurePosixPath(path)
    if p.suffix not in PY | TS | JS | OTHER_SOURCE or p.name.endswith(".d.ts"):
        return False
    if p.name in NOT_MODULES or is_test_file(path):
        return False
    return not (TEST_DIRS & set(p.parts[:-1]))


# CPython 3.11's parser keeps recursion-depth state that concurrent threads can corrupt
# ("AST constructor recursion depth mismatch"), and a web server measures in threads.
_PARSE_LOCK = threading.Lock()


def parse_python(text: str) -> ast.Module:
    """Python source parsed, one thread at a time."""
    with _PARSE_LOCK:
        return ast.parse(text)


def is_code(path: str) -> bool:
    """Code whose typing and interface count: source files, and packages' __init__."""
    p = PurePosixPath(path)
    if p.name == "__init__.py":
        return not (TEST_DIRS & set(p.parts[:-1]))
    return is_source_file(path)


# --- reading code ------------------------------------------------------------------------------


def python_facts(tree: ast.AST) -> tuple[int, int, set[str]]:
    """(functions, annotated functions, top-level packages imported), in one walk."""
    # Any annotation makes a function typed: mypy's own line between typed and untyped.
    # Relative imports are the project's own, so they are not counted.
    total = annotated = 0
    imports: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            total += 1
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs,
                      *(a for a in (args.vararg, args.kwarg) if a is not None)]
            if node.returns is not None or any(a.annotation is not None for a in params):
                annotated += 1
        elif isinstance(node, ast.Import):
            imports |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imports.add(node.module.split(".")[0])
    return total, annotated, imports


def python_public_names(tree: ast.Module) -> list[str]:
    """A module's public names: `__all__`, else top-level names without a leading `_`."""
    declared: list[str] | None = None
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets, value = [node.target], node.value
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            if isinstance(value, ast.List | ast.Tuple):
                listed = [e.value for e in value.elts
                          if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                kept = (declared or []) if isinstance(node, ast.AugAssign) else []
                declared = [*kept, *listed]
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        for t in targets:
            if isinstance(t, ast.Name):
                names.append(t.id)
            elif isinstance(t, ast.Tuple):
                names += [e.id for e in t.elts if isinstance(e, ast.Name)]
    if declared is not None:
        return list(dict.fromkeys(declared))
    return list(dict.fromkeys(n for n in names if not n.startswith("_")))


_JS_EXPORT_DECL = re.compile(
    r"^\s*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?"
    r"(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)",
    re.MULTILINE)
_JS_EXPORT_LIST = re.compile(r"^\s*export\s+(?:type\s+)?\{([^}]*)\}", re.MULTILINE)
# A default export of an expression (a named function or class is counted by its name).
_JS_EXPORT_DEFAULT = re.compile(
    r"^\s*export\s+default\s+(?!(?:abstract\s+)?(?:async\s+)?(?:function\*?|class)\s+[A-Za-z_$])",
    re.MULTILINE)
_JS_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']""")


def js_public_names(text: str) -> list[str]:
    """Names a TypeScript or JavaScript module exports."""
    names = _JS_EXPORT_DECL.findall(text)
    for group in _JS_EXPORT_LIST.findall(text):
        for part in group.split(","):
            part = part.strip()
            if part:
                names.append(part.split(" as ")[-1].strip())
    if _JS_EXPORT_DEFAULT.search(text) and "default" not in names:
        names.append("default")
    return list(dict.fromkeys(names))


def js_imports(text: str) -> set[str]:
    """Packages a TypeScript or JavaScript module imports (relative paths are its own)."""
    out = set()
    for spec in _JS_IMPORT.findall(text):
        if spec.startswith((".", "/")):
            continue
        parts = spec.split("/")
        out.add("/".join(parts[:2]) if spec.startswith("@") else parts[0])
    return out

