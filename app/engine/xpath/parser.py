"""Recursive-descent parser for the XPath 1.0 expression grammar, producing a small AST.

The AST is kept after compiling so that dependencies (`references`) can be read from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.engine.xpath.lexer import Token, XPathError, tokenize


class Expr:
    """Base of AST nodes; `pos` is the 0-based offset in the source, for error messages."""

    pos: int


@dataclass(slots=True)
class Literal(Expr):
    value: str
    pos: int = 0


@dataclass(slots=True)
class Number(Expr):
    value: float
    pos: int = 0


@dataclass(slots=True)
class BinOp(Expr):
    op: str  # or and = != < <= > >= + - * div mod |
    left: Expr
    right: Expr
    pos: int = 0


@dataclass(slots=True)
class Negate(Expr):
    operand: Expr
    pos: int = 0


@dataclass(slots=True)
class Call(Expr):
    name: str  # as written, e.g. "jr:choice-name"
    args: list[Expr]
    pos: int = 0


@dataclass(slots=True)
class Step:
    axis: str  # child, attribute, self, parent, descendant, descendant-or-self, ancestor, ...
    # a QName, "*", "prefix:*", or a node type: "node()", "text()", "comment()", ...
    test: str
    predicates: list[Expr] = field(default_factory=list)


@dataclass(slots=True)
class Filter(Expr):
    """A primary expression with predicates, e.g. (/data/a | /data/b)[1]."""

    primary: Expr
    predicates: list[Expr]
    pos: int = 0


@dataclass(slots=True)
class Path(Expr):
    """A location path; `start` is "root" (absolute), "context" (relative) or a filter."""

    start: str | Expr
    steps: list[Step]
    pos: int = 0


AXES = {
    "child",
    "attribute",
    "self",
    "parent",
    "descendant",
    "descendant-or-self",
    "ancestor",
    "ancestor-or-self",
    "following-sibling",
    "preceding-sibling",
    "following",
    "preceding",
    "namespace",
}

_DESCENDANT_OR_SELF = ("descendant-or-self", "node()")
_BINARY_LEVELS: list[set[str]] = [
    {"or"},
    {"and"},
    {"=", "!="},
    {"<", "<=", ">", ">="},
    {"+", "-"},
    {"*", "div", "mod"},
]


def parse(expression: str) -> Expr:
    """Parse an XPath expression; XPathError names the position of the first problem."""
    if not expression.strip():
        raise XPathError("empty expression", expression, 0)
    return _Parser(expression).parse()


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0

    # -- token helpers ---------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def is_op(self, *values: str) -> bool:
        return self.tok.kind == "op" and self.tok.value in values

    def advance(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect_op(self, value: str) -> Token:
        if not self.is_op(value):
            raise self.error(f"expected {value!r}")
        return self.advance()

    def error(self, message: str, token: Token | None = None) -> XPathError:
        token = token or self.tok
        found = "end of expression" if token.kind == "end" else repr(token.value)
        return XPathError(f"{message}, found {found}", self.source, token.pos)

    # -- grammar ---------------------------------------------------------------------------
    def parse(self) -> Expr:
        expr = self.expr()
        if self.tok.kind != "end":
            raise self.error("unexpected token")
        return expr

    def expr(self) -> Expr:
        return self.binary(0)

    def binary(self, level: int) -> Expr:
        if level == len(_BINARY_LEVELS):
            return self.unary()
        ops = _BINARY_LEVELS[level]
        left = self.binary(level + 1)
        while self.tok.kind == "op" and self.tok.value in ops:
            token = self.advance()
            right = self.binary(level + 1)
            left = BinOp(token.value, left, right, token.pos)
        return left

    def unary(self) -> Expr:
        if self.is_op("-"):
            token = self.advance()
            return Negate(self.unary(), token.pos)
        return self.union()

    def union(self) -> Expr:
        left = self.path_expr()
        while self.is_op("|"):
            token = self.advance()
            left = BinOp("|", left, self.path_expr(), token.pos)
        return left

    def path_expr(self) -> Expr:
        token = self.tok
        starts_filter = token.kind in ("number", "string", "func") or (
            token.kind == "op" and token.value in ("(", "$")
        )
        if not starts_filter:
            return self.location_path()
        primary = self.primary()
        predicates = self.predicates()
        expr: Expr = Filter(primary, predicates, token.pos) if predicates else primary
        if self.is_op("/", "//"):
            steps: list[Step] = []
            if self.advance().value == "//":
                steps.append(Step(*_DESCENDANT_OR_SELF))
            self.relative_path(steps)
            return Path(expr, steps, token.pos)
        return expr

    def primary(self) -> Expr:
        token = self.advance()
        if token.kind == "number":
            return Number(float(token.value), token.pos)
        if token.kind == "string":
            return Literal(token.value, token.pos)
        if token.kind == "func":
            self.expect_op("(")
            args: list[Expr] = []
            if not self.is_op(")"):
                args.append(self.expr())
                while self.is_op(","):
                    self.advance()
                    args.append(self.expr())
            self.expect_op(")")
            return Call(token.value, args, token.pos)
        if token.value == "(":
            inner = self.expr()
            self.expect_op(")")
            return inner
        raise XPathError("variables ($name) are not supported", self.source, token.pos)

    def predicates(self) -> list[Expr]:
        found: list[Expr] = []
        while self.is_op("["):
            self.advance()
            found.append(self.expr())
            self.expect_op("]")
        return found

    def location_path(self) -> Expr:
        token = self.tok
        steps: list[Step] = []
        if self.is_op("/"):
            self.advance()
            if self.starts_step():
                self.relative_path(steps)
            return Path("root", steps, token.pos)
        if self.is_op("//"):
            self.advance()
            steps.append(Step(*_DESCENDANT_OR_SELF))
            self.relative_path(steps)
            return Path("root", steps, token.pos)
        if not self.starts_step():
            raise self.error("expected an expression")
        self.relative_path(steps)
        return Path("context", steps, token.pos)

    def starts_step(self) -> bool:
        token = self.tok
        if token.kind in ("name", "axis", "nodetype"):
            return True
        return token.kind == "op" and token.value in (".", "..", "@")

    def relative_path(self, steps: list[Step]) -> None:
        steps.append(self.step())
        while self.is_op("/", "//"):
            if self.advance().value == "//":
                steps.append(Step(*_DESCENDANT_OR_SELF))
            steps.append(self.step())

    def step(self) -> Step:
        token = self.tok
        if self.is_op("."):
            self.advance()
            return Step("self", "node()")
        if self.is_op(".."):
            self.advance()
            return Step("parent", "node()")
        axis = "child"
        if self.is_op("@"):
            self.advance()
            axis = "attribute"
        elif token.kind == "axis":
            if token.value not in AXES:
                raise XPathError(f"unknown axis {token.value!r}", self.source, token.pos)
            axis = self.advance().value
            self.expect_op("::")
        test_token = self.tok
        if test_token.kind == "name":
            test = self.advance().value
        elif test_token.kind == "nodetype":
            name = self.advance().value
            self.expect_op("(")
            if name == "processing-instruction" and self.tok.kind == "string":
                self.advance()
            self.expect_op(")")
            test = name + "()"
        else:
            raise self.error("expected a node name or test")
        return Step(axis, test, self.predicates())
