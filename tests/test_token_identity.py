"""spaCy builds a new Token object on every access, so `a is b` between tokens is never true:
a loop that climbs `t = t.head` while `t.head is not t` never ends. Tokens are compared by `.i`."""
import ast
from pathlib import Path

import eventwire

PACKAGE = Path(eventwire.__file__).parent
# Identity comparisons of objects that are not tokens (the same candidate, typing origins, a cached copy).
NOT_TOKENS = {
    "by_anchor[head.i] is not cand",
    "outer is not cand",
    "o is not c",
    "origin is list",
    "origin is typing.Literal",
    "a is not type(None)",
    "self.current is not current",
}


def _identity_comparisons(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Is, ast.IsNot)) and not any(isinstance(x, ast.Constant) for x in (left, right)):
                found.append(ast.unparse(ast.Compare(left=left, ops=[op], comparators=[right])))
            left = right
    return found


def test_no_identity_comparison_between_tokens():
    offending = [f"{p.relative_to(PACKAGE)}: {c}" for p in sorted(PACKAGE.rglob("*.py"))
                 for c in _identity_comparisons(p) if c not in NOT_TOKENS]
    assert offending == [], "compare tokens by .i, not by identity:\n" + "\n".join(offending)


def test_the_scan_finds_a_token_identity_comparison(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("while t.head is not t:\n    t = t.head\n")
    assert _identity_comparisons(sample) == ["t.head is not t"]
