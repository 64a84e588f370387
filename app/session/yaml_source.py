"""Safe YAML reading that keeps the line and column of every value.

Only plain YAML data comes out (mappings, lists, strings, numbers, booleans, null). Tags that
would build objects are refused, never executed. Size, nesting and alias expansion are bounded
before any value is built, so a "billion laughs" document fails fast.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.session.errors import Problem, SessionError

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 50_000
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

Path_ = tuple[str | int, ...]
_SURROGATES = re.compile("[\ud800-\udfff]")  # only a "\\uD800" escape can make one: UTF-8 text never holds it


@dataclass
class Document:
    """Plain data read from a YAML file, with the 1-based (line, column) of each value and key."""

    file: Path
    data: object
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: Path_, at_key: bool = False) -> tuple[int, int]:
        """Where the value (or its key) at `path` starts; the nearest enclosing value if unknown."""
        if at_key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.value_marks and path:
            path = path[:-1]
        return self.value_marks.get(path, (1, 1))

    def problem(self, path: Path_, message: str, hint: str = "", at_key: bool = False) -> Problem:
        line, column = self.mark(path, at_key)
        return Problem(self.file, line, column, path_text(path), message, hint)


def path_text(path: Path_) -> str:
    """`("steps", 3, "pause")` -> `steps[3].pause`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_document(file: Path) -> Document:
    """Read `file` as plain YAML data; raise SessionError with the problem's place otherwise."""
    file = Path(file)
    raw = read_regular_file(file, MAX_FILE_BYTES)
    text = _decode(file, raw)
    if not text.strip():
        raise _single(file, "the file is empty", "a session starts with `format: 1` and a `title`")
    _check_tabs(file, text)
    try:
        node = _DepthLimitedLoader(text).get_single_node()
    except _TooDeep as error:
        line, column = error.mark.line + 1, error.mark.column + 1
        raise SessionError([Problem(file, line, column, "", f"nesting deeper than {MAX_DEPTH} levels",
                                    "flatten the structure")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (error.problem or error.context or "not valid YAML").strip()
        raise SessionError([Problem(file, line, column, "", f"not valid YAML: {message}",
                                    "check the indentation and quoting near this place")]) from None
    except yaml.YAMLError as error:
        raise _single(file, f"not valid YAML: {error}", "check the file's syntax") from None
    if node is None:
        raise _single(file, "the file holds only comments", "a session starts with `format: 1` and a `title`")
    document = Document(file, None)
    builder = _Builder(document)
    document.data = builder.build(node, ())
    if builder.problems:
        raise SessionError(builder.problems)
    return document


def read_regular_file(file: Path, max_bytes: int) -> bytes:
    """The bytes of `file`, which must be a regular file; a pipe, device or folder is refused without waiting on it."""
    try:
        descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK)  # opening a named pipe never blocks like this
    except FileNotFoundError:
        raise _single(file, "file not found", "check the path or the name of the session") from None
    except OSError as error:
        raise _single(file, f"cannot read the file: {error.strerror}", "check that it is a readable file") from None
    status = os.fstat(descriptor)  # before fdopen, which refuses a folder with an error of its own
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise _single(file, f"this is {_file_kind(status.st_mode)}, not a regular file", "give the path of a .yaml file")
    with os.fdopen(descriptor, "rb") as handle:
        if status.st_size > max_bytes:
            raise _single(file, f"the file is {status.st_size:,} bytes; the limit is {max_bytes / 2**20:g} MiB",
                          "split it into shorter sessions")
        return handle.read(max_bytes + 1)[:max_bytes]


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's composer recurses once per level: refuse a level past MAX_DEPTH before descending into it."""

    def __init__(self, text: str):
        super().__init__(text)
        self._depth = 0

    def compose_node(self, parent, index):
        if self._depth >= MAX_DEPTH + 1:
            raise _TooDeep(self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _single(file: Path, message: str, hint: str) -> SessionError:
    return SessionError([Problem(file, 1, 1, "", message, hint)])


def _decode(file: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise SessionError([Problem(file, line, column, "",
                                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                                    "save the file as UTF-8")]) from None


def _check_tabs(file: Path, text: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(file, number, indent.index("\t") + 1, "",
                                    "a tab is used for indentation", "indent with spaces"))
    if problems:
        raise SessionError(problems)


class _Builder:
    """Turns composed YAML nodes into plain values, recording marks and bounding the work."""

    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []
        self.values = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_, depth: int = 0):
        self.values += 1
        if self.values > MAX_VALUES:
            raise SessionError([self._problem(node, path, f"the document expands to more than {MAX_VALUES:,} values",
                                              "remove the aliases (*name) that repeat large parts")])
        if depth > MAX_DEPTH:
            raise SessionError([self._problem(node, path, f"nesting deeper than {MAX_DEPTH} levels",
                                              "flatten the structure")])
        if path not in self.document.value_marks:
            self.document.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            value = self.constructor.construct_object(node, deep=True)
            if isinstance(value, str) and _SURROGATES.search(value):
                code = ord(_SURROGATES.search(value).group())
                self.problems.append(self._problem(node, path, f"the text holds \\u{code:04X}, half of a character "
                                                   "(a lone surrogate) that no file or screen can show",
                                                   "remove the escape, or write the character itself"))
                return _SURROGATES.sub("\ufffd", value)
            return value
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date stays text; the fields that take text decide
        self.problems.append(self._problem(node, path, f"the tag {node.tag} is not allowed",
                                           "use plain values: text, numbers, lists and mappings"))
        return None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problems.append(self._problem(key_node, path, "a key must be plain text",
                                                   "write keys as simple words"))
                continue
            key = self.constructor.construct_object(key_node)
            key = key if isinstance(key, str) else str(key)
            child = path + (key,)
            if key in result:
                self.problems.append(self._problem(key_node, child, f"the key '{key}' appears twice",
                                                   "keep only one of them"))
                continue
            self.document.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _problem(self, node: yaml.Node, path: Path_, message: str, hint: str) -> Problem:
        return Problem(self.document.file, node.start_mark.line + 1, node.start_mark.column + 1,
                       path_text(path), message, hint)
