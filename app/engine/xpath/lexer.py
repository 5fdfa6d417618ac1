"""XPath 1.0 tokenizer, with the spec's rules for telling `*`/`and`/`div` operators from names."""

from __future__ import annotations

import re
from dataclasses import dataclass


class XPathError(ValueError):
    """A bad XPath expression, or one that cannot be evaluated; the message names the expression
    and the position or function at fault."""

    def __init__(
        self, message: str, expression: str | None = None, position: int | None = None
    ) -> None:
        self.expression = expression
        self.position = position
        self.detail = message
        where = f" at position {position + 1}" if position is not None else ""
        full = message
        if expression is not None:
            full = f"{message}{where} in XPath expression {expression!r}"
        super().__init__(full)


@dataclass(slots=True)
class Token:
    kind: str  # "number" | "string" | "name" | "op" | "func" | "axis" | "nodetype" | "end"
    value: str
    pos: int


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | (?P<string>"[^"]*"|'[^']*')
  | (?P<op>\.\.|::|//|!=|<=|>=|[/()\[\]@,|+\-=<>*.$])
  | (?P<name>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*
        (?::(?:\*|[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*))?)
    """,
    re.VERBOSE,
)

_OPERATOR_NAMES = {"and", "or", "div", "mod"}
_NODE_TYPES = {"node", "text", "comment", "processing-instruction"}
# After these tokens a name or `*` is a name test, not an operator (XPath 1.0 section 3.7).
_NOT_OPERAND_END = {"@", "::", "(", "[", ",", "/", "//", "|", "+", "-", "=", "!=", "<", "<=", ">"}
_NOT_OPERAND_END |= {">=", "and", "or", "div", "mod", "*"}


def tokenize(expression: str) -> list[Token]:
    """Split an expression into tokens; raise XPathError at the first character that fits none."""
    tokens: list[Token] = []
    pos = 0
    length = len(expression)
    while pos < length:
        m = _TOKEN_RE.match(expression, pos)
        if m is None:
            char = expression[pos]
            if char in "\"'":
                raise XPathError("unterminated string literal", expression, pos)
            raise XPathError(f"unexpected character {char!r}", expression, pos)
        kind = m.lastgroup or ""
        text = m.group()
        start = pos
        pos = m.end()
        if kind == "ws":
            continue
        prev = tokens[-1] if tokens else None
        operand_before = prev is not None and not (
            prev.kind == "op" and prev.value in _NOT_OPERAND_END
        )
        if kind == "string":
            tokens.append(Token("string", text[1:-1], start))
        elif kind == "number":
            tokens.append(Token("number", text, start))
        elif kind == "op":
            if text == "*" and not operand_before:
                tokens.append(Token("name", "*", start))
            else:
                tokens.append(Token("op", text, start))
        else:
            if operand_before and text in _OPERATOR_NAMES:
                tokens.append(Token("op", text, start))
                continue
            following = _next_nonspace(expression, pos)
            if expression.startswith("::", following):
                tokens.append(Token("axis", text, start))
            elif following < length and expression[following] == "(":
                kind = "nodetype" if text in _NODE_TYPES else "func"
                tokens.append(Token(kind, text, start))
            else:
                tokens.append(Token("name", text, start))
    tokens.append(Token("end", "", length))
    return tokens


def _next_nonspace(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
