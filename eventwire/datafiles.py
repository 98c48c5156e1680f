"""Reading the data files (YAML word lists, lexicons, knowledge base) the way their authors wrote them.

YAML 1.1, which PyYAML follows, reads the bare words yes/no/on/off/y/n as
booleans: in a negation list `no` became False, in a preposition list `on`
became True, and the Ontario abbreviation `ON` was lost. In eventwire's data
those are words, so only `true` and `false` are booleans (as in YAML 1.2).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class WordsLoader(yaml.SafeLoader):
    """yaml.SafeLoader with only true/false (any case) read as booleans."""


WordsLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
WordsLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def load_yaml_text(text: str) -> Any:
    """Parse a data file's text (raises yaml.YAMLError when it is not YAML)."""
    return yaml.load(text, Loader=WordsLoader)


def load_yaml(path: Path | str) -> Any:
    """Parse a data file."""
    return load_yaml_text(Path(path).read_text(encoding="utf-8"))
